"""Manual check of the library in real Chromium (not run by the build): two peer meshes in one page
over an in-page signaling stand-in: chat, the path (direct/relayed), 16 MiB through the swarm channel
with backpressure, and the OPFS store in both modes (sync access handle worker, createWritable).

  mvn -q -o -pl client-js package -DskipTests && scripts/in-netns.sh python3 client-js/dev/harness-run.py
"""
import json, subprocess, time, urllib.request, sys, shutil, os, tempfile
here = os.path.dirname(os.path.abspath(__file__))
web = os.path.join(here, '..', 'target', 'classes', 'swarmrtc-web')
profile = tempfile.mkdtemp(prefix='swarmrtc-harness-')
for f in ('harness.html', 'harness.js'): shutil.copy(os.path.join(here, f), os.path.join(web, f))
subprocess.run(['ip', 'link', 'set', 'lo', 'up'])
http = subprocess.Popen(['python3', '-m', 'http.server', '8099', '--bind', '127.0.0.1', '-d', web], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
drv = subprocess.Popen(['chromedriver', '--port=9515'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def call(method, path, body=None):
    req = urllib.request.Request('http://127.0.0.1:9515' + path, method=method, data=None if body is None else json.dumps(body).encode(), headers={'Content-Type': 'application/json'})
    return json.load(urllib.request.urlopen(req, timeout=120))
try:
    for _ in range(100):
        try: call('GET', '/status'); break
        except Exception: time.sleep(0.1)
    args = ['--headless=new','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync','--allow-loopback-in-peer-connection','--use-fake-ui-for-media-stream','--user-data-dir=' + profile]
    sid = call('POST', '/session', {'capabilities': {'alwaysMatch': {'goog:chromeOptions': {'binary': '/usr/bin/chromium', 'args': args}}}})['value']['sessionId']
    call('POST', f'/session/{sid}/timeouts', {'script': 90000})
    call('POST', f'/session/{sid}/url', {'url': 'http://127.0.0.1:8099/harness.html'})
    r = call('POST', f'/session/{sid}/execute/async', {'script': 'const done = arguments[arguments.length-1]; (function start() { if (!window.harness) return setTimeout(start, 20); window.harness().then(done, e => done({error: String(e && e.stack || e)})); })();', 'args': []})
    print(json.dumps(r['value'], indent=1))
    call('DELETE', f'/session/{sid}')
finally:
    drv.terminate(); http.terminate()
    for f in ('harness.html', 'harness.js'): os.remove(web + '/' + f)
