# Development-only stand-in for the real server (server module): static files + a minimal signaling hub per docs/signaling.md
# (join/joined/peer-joined/peer-left/offer/answer/candidate/ping) over stdlib-only WebSockets.
import asyncio, base64, hashlib, json, os, secrets, struct, sys, mimetypes
ROOT = sys.argv[1]; PORT = int(sys.argv[2])
rooms = {}  # room -> {peerId: writer}
GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'

async def send(w, obj):
    data = json.dumps(obj).encode()
    hdr = bytes([0x81]) + (bytes([len(data)]) if len(data) < 126 else bytes([126]) + struct.pack('!H', len(data)) if len(data) < 65536 else bytes([127]) + struct.pack('!Q', len(data)))
    w.write(hdr + data)
    await w.drain()

async def frames(r):
    while True:
        b0, b1 = await r.readexactly(2)
        n = b1 & 0x7f
        if n == 126: n = struct.unpack('!H', await r.readexactly(2))[0]
        elif n == 127: n = struct.unpack('!Q', await r.readexactly(8))[0]
        mask = await r.readexactly(4) if b1 & 0x80 else b'\0\0\0\0'
        data = bytes(c ^ mask[i % 4] for i, c in enumerate(await r.readexactly(n)))
        op = b0 & 0x0f
        if op == 8: return
        if op == 1: yield data.decode()

async def ws(r, w):
    me = None; room = None
    try:
        async for text in frames(r):
            m = json.loads(text)
            t = m.get('type')
            if t == 'join':
                room = m['room']; me = base64.urlsafe_b64encode(secrets.token_bytes(16)).decode().rstrip('=')
                peers = rooms.setdefault(room, {})
                await send(w, {'type': 'joined', 'room': room, 'peerId': me, 'resumeToken': secrets.token_hex(8), 'peers': list(peers), 'resumed': False})
                for pw in peers.values(): await send(pw, {'type': 'peer-joined', 'peerId': me})
                peers[me] = w
            elif t in ('offer', 'answer', 'candidate') and me:
                to = m.pop('to'); m['from'] = me
                if to in rooms[room]: await send(rooms[room][to], m)
                else: await send(w, {'type': 'error', 'code': 'UNKNOWN_PEER', 'message': 'no such peer', 'fatal': False})
            elif t == 'ping': await send(w, {'type': 'pong'})
            elif t == 'leave': break
    except (asyncio.IncompleteReadError, ConnectionError): pass
    finally:
        if me and room:
            rooms[room].pop(me, None)
            for pw in list(rooms[room].values()):
                try: await send(pw, {'type': 'peer-left', 'peerId': me})
                except Exception: pass
        w.close()

async def handle(r, w):
    head = (await r.readuntil(b'\r\n\r\n')).decode()
    line, *hdrs = head.split('\r\n')
    path = line.split(' ')[1].split('?')[0]
    h = {k.lower(): v for k, v in (x.split(': ', 1) for x in hdrs if ': ' in x)}
    if path == '/ws' and h.get('upgrade', '').lower() == 'websocket':
        acc = base64.b64encode(hashlib.sha1((h['sec-websocket-key'] + GUID).encode()).digest()).decode()
        w.write(f'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {acc}\r\n\r\n'.encode())
        await w.drain(); await ws(r, w); return
    if path == '/api/ice-servers': body, ctype, code = b'{"iceServers":[],"ttl":60}', 'application/json', 200
    else:
        f = os.path.normpath(os.path.join(ROOT, path.lstrip('/') or 'index.html'))
        if f.startswith(ROOT) and os.path.isfile(f):
            body = open(f, 'rb').read(); ctype = mimetypes.guess_type(f)[0] or 'application/octet-stream'; code = 200
            if f.endswith('.js'): ctype = 'text/javascript'
        else: body, ctype, code = b'not found', 'text/plain', 404
    w.write(f'HTTP/1.1 {code} X\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n'.encode() + body)
    await w.drain(); w.close()

async def main():
    srv = await asyncio.start_server(handle, '127.0.0.1', PORT)
    async with srv: await srv.serve_forever()
asyncio.run(main())
