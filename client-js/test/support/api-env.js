// The public API's test environment: a scripted server (fake WebSocket), fake peer connections and
// a fake scheduler, plus the server's side of a join.
import { flush } from './fake-channel.js';
import { FakeRTCPeerConnection } from './fake-rtc.js';
import { FakeScheduler, fakeWebSocketFactory } from './fakes.js';

export const ME = 'bWUtbWUtbWUtbWUtbWUtbWU';
export const OTHER = 'b3RoZXItb3RoZXItb3RoZXI';
export const CONTENT = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

export function env() {
  const { FakeWebSocket, sockets } = fakeWebSocketFactory();
  const scheduler = new FakeScheduler();
  FakeRTCPeerConnection.instances.length = 0;
  const fetched = [];
  const options = {
    signalingUrl: 'ws://127.0.0.1:1/ws', iceServersUrl: 'http://127.0.0.1:1/api/ice-servers',
    WebSocket: FakeWebSocket, RTCPeerConnection: FakeRTCPeerConnection, scheduler,
    fetch: async (url) => { fetched.push(url); return { ok: true, json: async () => ({ iceServers: [{ urls: ['stun:127.0.0.1:3478'] }], ttl: 60 }) }; },
  };
  /** Plays the server's side of the join. */
  async function serverJoins(peers, socket = 0) {
    await flush();
    sockets[socket].serverOpen();
    const join = JSON.parse(sockets[socket].sent[0]);
    sockets[socket].serverSend({ type: 'joined', room: join.room, peerId: ME, resumeToken: 't', peers, resumed: false });
    await flush();
    await flush();
    return join;
  }
  return { options, sockets, scheduler, fetched, serverJoins };
}
