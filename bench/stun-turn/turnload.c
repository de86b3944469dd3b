/*
 * turnload: a small, bounded STUN/TURN load generator for bench/stun-turn/run.sh.
 * It drives any RFC 8489/8656 server on loopback the same way, batching its own syscalls
 * (recvmmsg/sendmmsg) so that the server under test, not the generator, is the bottleneck.
 *
 *   turnload binding PORT SECONDS
 *   turnload alloc   PORT SECONDS USER PASS
 *   turnload relay   PORT SECONDS USER PASS PAYLOAD_BYTES
 *   turnload hold    PORT COUNT   USER PASS        (creates COUNT allocations, waits for stdin EOF)
 *
 * Prints one line "RESULT <metric> <value>". Every mode is bounded in time or count.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define COOKIE 0x2112A442u
#define BATCH 64
#define MAXMSG 1600

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what) { perror(what); exit(1); }

/* ---- STUN encoding ---- */
typedef struct { uint8_t b[MAXMSG]; int len; } msg_t;

static uint32_t crc_table[256];
static void crc_init(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}
static uint32_t crc32_of(const uint8_t *p, int n) {
  uint32_t c = 0xFFFFFFFFu;
  while (n--) c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}
static void put16(uint8_t *p, int v) { p[0] = v >> 8; p[1] = v; }
static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }
static int get16(const uint8_t *p) { return p[0] << 8 | p[1]; }

static void m_begin(msg_t *m, int type) {
  put16(m->b, type); put16(m->b + 2, 0); put32(m->b + 4, COOKIE);
  for (int i = 0; i < 12; i++) m->b[8 + i] = rand();
  m->len = 20;
}
static void m_attr(msg_t *m, int type, const void *v, int n) {
  put16(m->b + m->len, type); put16(m->b + m->len + 2, n);
  memcpy(m->b + m->len + 4, v, n);
  int padded = (n + 3) & ~3;
  memset(m->b + m->len + 4 + n, 0, padded - n);
  m->len += 4 + padded;
  put16(m->b + 2, m->len - 20);
}
static void m_u32(msg_t *m, int type, uint32_t v) { uint8_t b[4]; put32(b, v); m_attr(m, type, b, 4); }
static void m_integrity(msg_t *m, const uint8_t key[16]) {
  put16(m->b + 2, m->len - 20 + 24);
  unsigned int n = 20; uint8_t mac[20];
  HMAC(EVP_sha1(), key, 16, m->b, m->len, mac, &n);
  m_attr(m, 0x0008, mac, 20);
}
static void m_fingerprint(msg_t *m) {
  put16(m->b + 2, m->len - 20 + 8);
  m_u32(m, 0x8028, crc32_of(m->b, m->len) ^ 0x5354554Eu);
}
/* Finds an attribute; returns its value length or -1. */
static int m_find(const uint8_t *b, int len, int type, const uint8_t **value) {
  for (int p = 20; p + 4 <= len;) {
    int t = get16(b + p), n = get16(b + p + 2);
    if (p + 4 + n > len) return -1;
    if (t == type) { *value = b + p + 4; return n; }
    p += 4 + ((n + 3) & ~3);
  }
  return -1;
}
static int error_code(const uint8_t *b, int len) {
  const uint8_t *v; int n = m_find(b, len, 0x0009, &v);
  return n >= 4 ? (v[2] & 7) * 100 + v[3] : 0;
}

/* ---- credentials ---- */
static const char *g_user, *g_pass;
static char g_realm[256], g_nonce[256];
static uint8_t g_key[16];

static void learn_challenge(const uint8_t *b, int len) {
  const uint8_t *v; int n;
  if ((n = m_find(b, len, 0x0014, &v)) > 0 && n < 255) { memcpy(g_realm, v, n); g_realm[n] = 0; }
  if ((n = m_find(b, len, 0x0015, &v)) > 0 && n < 255) { memcpy(g_nonce, v, n); g_nonce[n] = 0; }
  char buf[600]; snprintf(buf, sizeof buf, "%s:%s:%s", g_user, g_realm, g_pass);
  unsigned int kl = 16;
  EVP_Digest(buf, strlen(buf), g_key, &kl, EVP_md5(), NULL);
}
static void m_sign(msg_t *m) {
  m_attr(m, 0x0006, g_user, strlen(g_user));
  m_attr(m, 0x0014, g_realm, strlen(g_realm));
  m_attr(m, 0x0015, g_nonce, strlen(g_nonce));
  m_integrity(m, g_key);
  m_fingerprint(m);
}
static void allocate_unsigned(msg_t *m) { m_begin(m, 0x0003); m_u32(m, 0x0019, 17u << 24); m_fingerprint(m); }
static void allocate_signed(msg_t *m) { m_begin(m, 0x0003); m_u32(m, 0x0019, 17u << 24); m_sign(m); }
static void refresh_zero(msg_t *m) { m_begin(m, 0x0004); m_u32(m, 0x000D, 0); m_sign(m); }

/* ---- sockets ---- */
static struct sockaddr_in server_addr;
static int udp_socket(int connect_to_server) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  if (fd < 0) die("socket");
  int sz = 1 << 21;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);
  setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  if (bind(fd, (void *)&a, sizeof a) < 0) die("bind");
  if (connect_to_server && connect(fd, (void *)&server_addr, sizeof server_addr) < 0) die("connect");
  return fd;
}
/* Blocking-ish request/response on one socket, used only for set-up. */
static int transact(int fd, msg_t *req, uint8_t *resp) {
  for (int attempt = 0; attempt < 20; attempt++) {
    if (send(fd, req->b, req->len, 0) < 0) die("send");
    struct pollfd p = {.fd = fd, .events = POLLIN};
    double until = now() + 0.5;
    while (now() < until) {
      if (poll(&p, 1, 100) <= 0) continue;
      int n = recv(fd, resp, MAXMSG, 0);
      if (n >= 20 && memcmp(resp + 8, req->b + 8, 12) == 0) return n;
    }
  }
  fprintf(stderr, "no response during set-up\n"); exit(1);
}
/* Allocates on fd (challenge, then signed); returns the relayed port (host order). */
static int setup_allocation(int fd) {
  msg_t m; uint8_t r[MAXMSG]; int n;
  if (!g_nonce[0]) { allocate_unsigned(&m); n = transact(fd, &m, r); learn_challenge(r, n); }
  int code = 0;
  for (int tries = 0; tries < 6; tries++) {
    allocate_signed(&m); n = transact(fd, &m, r);
    code = error_code(r, n);
    if (code == 438 || code == 401) { learn_challenge(r, n); continue; }
    if (code == 437) { refresh_zero(&m); transact(fd, &m, r); continue; } /* a stale 5-tuple */
    if (code) { fprintf(stderr, "allocate failed: %d\n", code); exit(1); }
    const uint8_t *v;
    if (m_find(r, n, 0x0016, &v) != 8) { fprintf(stderr, "no XOR-RELAYED-ADDRESS\n"); exit(1); }
    return get16(v + 2) ^ (COOKIE >> 16);
  }
  fprintf(stderr, "allocate kept failing: %d\n", code); exit(1);
}

/* ---- modes ---- */
static double run_binding(int seconds) {
  enum { S = 4, W = 64 };
  int fds[S]; long outstanding[S] = {0}; double progress[S];
  for (int i = 0; i < S; i++) fds[i] = udp_socket(1);
  msg_t req; m_begin(&req, 0x0001); m_fingerprint(&req);
  struct mmsghdr out[BATCH], in[BATCH]; struct iovec oio[BATCH], iio[BATCH];
  static uint8_t rbuf[BATCH][MAXMSG];
  for (int k = 0; k < BATCH; k++) {
    oio[k] = (struct iovec){req.b, req.len}; out[k] = (struct mmsghdr){.msg_hdr = {.msg_iov = &oio[k], .msg_iovlen = 1}};
    iio[k] = (struct iovec){rbuf[k], MAXMSG}; in[k] = (struct mmsghdr){.msg_hdr = {.msg_iov = &iio[k], .msg_iovlen = 1}};
  }
  double warm = now() + 1.0, end = warm + seconds;
  for (int i = 0; i < S; i++) progress[i] = now();
  long counted = 0;
  while (now() < end) {
    for (int i = 0; i < S; i++) {
      double t = now();
      int got = recvmmsg(fds[i], in, BATCH, MSG_DONTWAIT, NULL);
      if (got > 0) { outstanding[i] -= got; if (t >= warm) counted += got; progress[i] = t; }
      if (t - progress[i] > 0.02) { outstanding[i] = 0; progress[i] = t; } /* lost: reopen the window */
      int room = W - outstanding[i];
      if (room > BATCH) room = BATCH;
      if (room > 0) { int s = sendmmsg(fds[i], out, room, MSG_DONTWAIT); if (s > 0) outstanding[i] += s; }
    }
  }
  return counted / (double)seconds;
}

static double run_alloc(int seconds) {
  enum { S = 64 };
  int fds[S], state[S]; double sent_at[S]; msg_t cur[S];
  struct pollfd pf[S];
  for (int i = 0; i < S; i++) {
    fds[i] = udp_socket(1); pf[i] = (struct pollfd){.fd = fds[i], .events = POLLIN};
    allocate_unsigned(&cur[i]); state[i] = 0; send(fds[i], cur[i].b, cur[i].len, 0); sent_at[i] = now();
  }
  double warm = now() + 1.0, end = warm + seconds;
  long cycles = 0; uint8_t r[MAXMSG];
  while (now() < end) {
    poll(pf, S, 5);
    double t = now();
    for (int i = 0; i < S; i++) {
      int n;
      while ((n = recv(fds[i], r, MAXMSG, MSG_DONTWAIT)) > 0) {
        if (n < 20 || memcmp(r + 8, cur[i].b + 8, 12) != 0) continue;
        int code = error_code(r, n);
        if (state[i] == 0) { learn_challenge(r, n); allocate_signed(&cur[i]); state[i] = 1; }
        else if (code == 438) { learn_challenge(r, n); state[i] == 1 ? allocate_signed(&cur[i]) : refresh_zero(&cur[i]); }
        else if (state[i] == 1) { refresh_zero(&cur[i]); state[i] = 2; } /* success, or 437 left over */
        else { if (t >= warm && code == 0) cycles++; allocate_unsigned(&cur[i]); state[i] = 0; }
        send(fds[i], cur[i].b, cur[i].len, 0); sent_at[i] = t;
      }
      if (t - sent_at[i] > 0.5) { send(fds[i], cur[i].b, cur[i].len, 0); sent_at[i] = t; } /* retransmit */
    }
  }
  for (int i = 0; i < S; i++) { msg_t m; refresh_zero(&m); send(fds[i], m.b, m.len, 0); }
  return cycles / (double)seconds;
}

static double run_relay(int seconds, int payload) {
  enum { P = 8, W = 32 };
  int cl[P], pe[P]; long outstanding[P] = {0}; double progress[P];
  struct sockaddr_in relay[P];
  for (int i = 0; i < P; i++) {
    cl[i] = udp_socket(1); pe[i] = udp_socket(0);
    int rport = setup_allocation(cl[i]);
    struct sockaddr_in pa; socklen_t l = sizeof pa; getsockname(pe[i], (void *)&pa, &l);
    msg_t m; uint8_t r[MAXMSG];
    m_begin(&m, 0x0009); m_u32(&m, 0x000C, (uint32_t)(0x4000 + i) << 16);
    uint8_t xa[8] = {0, 1}; put16(xa + 2, ntohs(pa.sin_port) ^ (COOKIE >> 16));
    put32(xa + 4, ntohl(pa.sin_addr.s_addr) ^ COOKIE); m_attr(&m, 0x0012, xa, 8); m_sign(&m);
    int n = transact(cl[i], &m, r);
    if (error_code(r, n)) { fprintf(stderr, "channel bind failed: %d\n", error_code(r, n)); exit(1); }
    relay[i] = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(rport), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (connect(pe[i], (void *)&relay[i], sizeof relay[i]) < 0) die("connect peer");
  }
  static uint8_t frames[P][MAXMSG]; static uint8_t rbuf[BATCH][MAXMSG];
  struct mmsghdr out[BATCH], in[BATCH]; struct iovec oio[BATCH], iio[BATCH];
  for (int k = 0; k < BATCH; k++) { iio[k] = (struct iovec){rbuf[k], MAXMSG}; in[k] = (struct mmsghdr){.msg_hdr = {.msg_iov = &iio[k], .msg_iovlen = 1}}; }
  for (int i = 0; i < P; i++) { put16(frames[i], 0x4000 + i); put16(frames[i] + 2, payload); memset(frames[i] + 4, 0xAB, payload); }
  double warm = now() + 1.0, end = warm + seconds;
  for (int i = 0; i < P; i++) progress[i] = now();
  long relayed = 0;
  while (now() < end) {
    for (int i = 0; i < P; i++) {
      double t = now();
      /* peer side: echo what the relay delivered straight back to the relayed address */
      int got = recvmmsg(pe[i], in, BATCH, MSG_DONTWAIT, NULL);
      if (got > 0) {
        if (now() >= warm) relayed += got;
        for (int k = 0; k < got; k++) { oio[k] = (struct iovec){rbuf[k], in[k].msg_len}; out[k] = (struct mmsghdr){.msg_hdr = {.msg_iov = &oio[k], .msg_iovlen = 1}}; }
        sendmmsg(pe[i], out, got, MSG_DONTWAIT);
      }
      /* client side: ChannelData coming back completes a round trip */
      got = recvmmsg(cl[i], in, BATCH, MSG_DONTWAIT, NULL);
      if (got > 0) { outstanding[i] -= got; if (t >= warm) relayed += got; progress[i] = t; }
      if (t - progress[i] > 0.02) { outstanding[i] = 0; progress[i] = t; }
      int room = W - outstanding[i];
      if (room > BATCH) room = BATCH;
      if (room > 0) {
        for (int k = 0; k < room; k++) { oio[k] = (struct iovec){frames[i], 4 + payload}; out[k] = (struct mmsghdr){.msg_hdr = {.msg_iov = &oio[k], .msg_iovlen = 1}}; }
        int s = sendmmsg(cl[i], out, room, MSG_DONTWAIT);
        if (s > 0) outstanding[i] += s;
      }
    }
  }
  return relayed / (double)seconds;
}

static void run_hold(int count) {
  int *fds = malloc(sizeof(int) * count);
  for (int i = 0; i < count; i++) { fds[i] = udp_socket(1); setup_allocation(fds[i]); }
  printf("RESULT held %d\n", count); fflush(stdout);
  char c; while (read(0, &c, 1) > 0) { }  /* keep the 5-tuples until the script is done */
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: see the header of turnload.c\n"); return 2; }
  crc_init(); srand(getpid());
  server_addr = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(atoi(argv[2])), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  int n = atoi(argv[3]);
  if (argc >= 6) { g_user = argv[4]; g_pass = argv[5]; }
  if (n <= 0 || n > 20000) { fprintf(stderr, "seconds/count out of range\n"); return 2; }
  if (!strcmp(argv[1], "binding")) printf("RESULT binding_per_s %.0f\n", run_binding(n));
  else if (!strcmp(argv[1], "alloc") && g_user) printf("RESULT alloc_cycles_per_s %.0f\n", run_alloc(n));
  else if (!strcmp(argv[1], "relay") && argc >= 7) printf("RESULT relay_pkts_per_s %.0f\n", run_relay(n, atoi(argv[6])));
  else if (!strcmp(argv[1], "hold") && g_user) run_hold(n);
  else { fprintf(stderr, "bad arguments\n"); return 2; }
  return 0;
}
