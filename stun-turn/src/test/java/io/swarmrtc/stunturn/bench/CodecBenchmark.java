package io.swarmrtc.stunturn.bench;

import io.swarmrtc.stunturn.auth.LongTermKey;
import io.swarmrtc.stunturn.codec.ChannelData;
import io.swarmrtc.stunturn.codec.MessageClass;
import io.swarmrtc.stunturn.codec.MessageIntegrity;
import io.swarmrtc.stunturn.codec.RequestedTransport;
import io.swarmrtc.stunturn.codec.Software;
import io.swarmrtc.stunturn.codec.StunMessage;
import io.swarmrtc.stunturn.codec.StunMessageWriter;
import io.swarmrtc.stunturn.codec.StunMethod;
import io.swarmrtc.stunturn.codec.XorMappedAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec's hot path, per operation, next to a baseline in the same run: copying the datagram
 * (what any server must at least do). Run with bench/stun-turn/jmh.sh; not a test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  private byte[] binding;
  private byte[] signedAllocate;
  private byte[] key;
  private byte[] channelData;
  private StunMessage bindingMessage;
  private StunMessage allocateMessage;
  private final StunMessageWriter writer = new StunMessageWriter(1500);
  private final byte[] sink = new byte[1500];
  private InetSocketAddress client;

  @Setup
  public void setUp() throws Exception {
    byte[] tx = new byte[12];
    binding = new StunMessageWriter(100).begin(StunMethod.BINDING, MessageClass.REQUEST, tx)
        .fingerprint().toByteArray();
    key = LongTermKey.md5("bench", "bench", "bench");
    StunMessageWriter w = new StunMessageWriter(300).begin(StunMethod.ALLOCATE,
        MessageClass.REQUEST, tx);
    RequestedTransport.write(w, RequestedTransport.UDP);
    w.utf8(0x0006, "bench").utf8(0x0014, "bench").utf8(0x0015, "0123456789abcdef0123456789ab");
    signedAllocate = w.messageIntegrity(key).fingerprint().toByteArray();
    channelData = new ChannelData(0x4000, new byte[1000]).encode(false);
    bindingMessage = StunMessage.decode(binding, 0, binding.length);
    allocateMessage = StunMessage.decode(signedAllocate, 0, signedAllocate.length);
    client = new InetSocketAddress(InetAddress.getLoopbackAddress(), 54321);
  }

  @Benchmark
  public byte[] baselineCopyBindingDatagram() {
    System.arraycopy(binding, 0, sink, 0, binding.length);
    return sink;
  }

  @Benchmark
  public StunMessage decodeBindingRequest() {
    return StunMessage.decode(binding, 0, binding.length);
  }

  @Benchmark
  public int encodeBindingResponse() {
    StunMessageWriter w = writer.beginResponse(bindingMessage, MessageClass.SUCCESS_RESPONSE);
    XorMappedAddress.write(w, client);
    Software.write(w, "swarmrtc");
    return w.fingerprint().length();
  }

  @Benchmark
  public StunMessage decodeSignedAllocate() {
    return StunMessage.decode(signedAllocate, 0, signedAllocate.length);
  }

  @Benchmark
  public boolean verifyMessageIntegrity() {
    return MessageIntegrity.verify(allocateMessage, key);
  }

  @Benchmark
  public int checkChannelDataFrame() {
    return ChannelData.checkFrame(channelData, 0, channelData.length, false);
  }
}
