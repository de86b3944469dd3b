"""Manual browser smoke check of the web app (not run by the build; the Selenium e2e module replaces it).

Two real Chromium processes (via chromedriver's WebDriver HTTP API) use the packaged pages against
devserver.py, a stand-in signaling hub: chat between them, share with a stand-in swarm engine (the
real one lands later), the QR code, a real peer connection from the download page, per-peer path.
Run inside a network namespace, after packaging:

  mvn -q -o -pl client-js package -DskipTests && scripts/in-netns.sh python3 client-js/dev/browser-smoke.py

Screenshots go to a temporary directory printed at the end (zbarimg can decode the share page's QR).
"""
import json, subprocess, time, urllib.request, base64, shutil, sys, os, tempfile
here = os.path.dirname(os.path.abspath(__file__))
web = os.path.join(here, '..', 'target', 'classes', 'swarmrtc-web')
out = tempfile.mkdtemp(prefix='swarmrtc-smoke-')
sample = os.path.join(out, 'sample.bin')
with open(sample, 'wb') as f: f.write(os.urandom(3_000_000))
subprocess.run(['ip', 'link', 'set', 'lo', 'up'])
srv = subprocess.Popen(['python3', os.path.join(here, 'devserver.py'), os.path.abspath(web), '8099'])
drv = subprocess.Popen(['chromedriver', '--port=9515'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def call(method, path, body=None):
    req = urllib.request.Request('http://127.0.0.1:9515' + path, method=method, data=None if body is None else json.dumps(body).encode(), headers={'Content-Type': 'application/json'})
    try: return json.load(urllib.request.urlopen(req, timeout=120))['value']
    except urllib.error.HTTPError as e: raise RuntimeError(e.read().decode()[:500])
def session(name):
    args = ['--headless=new','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync','--allow-loopback-in-peer-connection','--use-fake-ui-for-media-stream','--user-data-dir=' + os.path.join(out, 'profile-' + name), '--window-size=1200,900']
    sid = call('POST', '/session', {'capabilities': {'alwaysMatch': {'goog:chromeOptions': {'binary': '/usr/bin/chromium', 'args': args}}}})['sessionId']
    call('POST', f'/session/{sid}/timeouts', {'script': 30000})
    return sid
go = lambda s, url: call('POST', f'/session/{s}/url', {'url': url})
js = lambda s, script, *args: call('POST', f'/session/{s}/execute/sync', {'script': script, 'args': list(args)})
ajs = lambda s, script: call('POST', f'/session/{s}/execute/async', {'script': script, 'args': []})
def el(s, css): return call('POST', f'/session/{s}/element', {'using': 'css selector', 'value': css})
def wait(s, script, timeout=15):
    t = time.time()
    while time.time() - t < timeout:
        v = js(s, script)
        if v: return v
        time.sleep(0.1)
    raise RuntimeError('timeout waiting for ' + script)
def shot(s, path):
    open(path, 'wb').write(base64.b64decode(call('GET', f'/session/{s}/screenshot')))
try:
    for _ in range(100):
        try: call('GET', '/status'); break
        except Exception: time.sleep(0.1)
    A, B = session('a'), session('b')
    # --- chat between two browsers
    go(A, 'http://127.0.0.1:8099/chat.html#room=t1'); go(B, 'http://127.0.0.1:8099/chat.html#room=t1')
    for s in (A, B): wait(s, "return document.getElementById('peer-count').textContent === '1'")
    inp = el(A, '#chat-input'); key = list(inp.values())[0]
    call('POST', f'/session/{A}/element/{key}/value', {'text': 'hello from A'})
    call('POST', f'/session/{A}/element/{list(el(A, "#chat-send").values())[0]}/click', {})
    print('chat received:', wait(B, "const li = document.querySelector('#chat-log li[data-self=false]'); return li && li.textContent"))
    print('app state:', js(B, "return {phase: window.swarmrtcApp.chat.phase, peers: window.swarmrtcApp.chat.peers.length, msgs: window.swarmrtcApp.chat.messages.length}"))
    shot(B, os.path.join(out, 'chat-live.png'))
    # --- share with a stand-in engine
    go(A, 'http://127.0.0.1:8099/index.html')
    ajs(A, """const done = arguments[arguments.length-1];
      Promise.all([import('./lib/index.js'), import('./lib/emitter.js')]).then(([lib, {Emitter}]) => {
        lib.registerEngine({ seed: ({files}) => { const t = new Emitter(); t.close = () => {};
          setTimeout(() => t.emit('manifest', {contentId: 'ab'.repeat(32), name: files[0].name, files: files.map(f => ({path: f.name, size: f.size})), totalSize: files[0].size, pieceSize: 262144, pieceCount: 12}), 50);
          setInterval(() => t.emit('bytes', {direction: 'up', peerId: 'x', bytes: 400000}), 200); return t; } });
        done(true); });""")
    fi = list(el(A, '#file-input').values())[0]
    call('POST', f'/session/{A}/element/{fi}/value', {'text': sample})
    link = wait(A, "return document.getElementById('share-link').value")
    print('share link:', link)
    # --- download with a stand-in engine, connecting to A for real
    go(B, 'http://127.0.0.1:8099/download.html')
    print('bad link error:', wait(B, "const e = document.getElementById('error'); return !e.classList.contains('hidden') && e.dataset.code"))
    ajs(B, """const done = arguments[arguments.length-1];
      Promise.all([import('./lib/index.js'), import('./lib/emitter.js')]).then(([lib, {Emitter}]) => {
        lib.registerEngine({ fetch: ({contentId}) => { const t = new Emitter(); t.close = () => {};
          const m = {contentId, name: 'sample.bin', files: [{path: 'sample.bin', size: 3000000}], totalSize: 3000000, pieceSize: 262144, pieceCount: 12};
          setTimeout(() => { t.emit('manifest', m); t.emit('progress', {verifiedBytes: 1200000, totalBytes: 3000000, verifiedPieces: 5, pieceCount: 12}); t.emit('piece-failed', {piece: 3, peerIds: ['x']}); }, 50);
          setInterval(() => t.emit('bytes', {direction: 'down', peerId: 'x', bytes: 300000}), 200); return t; } });
        done(true); });""")
    js(B, "location.hash = arguments[0]", link[link.index('#'):])
    wait(B, "return document.getElementById('peer-count').textContent === '1' && document.getElementById('download-speed').textContent !== '0 B/s'")
    time.sleep(1.5)  # let the once-a-second speed display settle for the screenshot only
    print('download view:', js(B, "return {peers: document.getElementById('peer-count').textContent, path: document.querySelector('#peer-list li').dataset.path, progress: document.getElementById('progress').value, warn: document.getElementById('warning').dataset.code, snapshot: window.swarmrtcApp.download.snapshot().phase}"))
    print('share view:', js(A, "return {peers: document.getElementById('peer-count').textContent, served: document.getElementById('bytes-served').textContent}"))
    shot(A, os.path.join(out, 'share-live.png')); shot(B, os.path.join(out, 'download-live.png'))
    for s in (A, B): call('DELETE', f'/session/{s}')
finally:
    drv.terminate(); srv.terminate()
    print('screenshots in', out)
