package io.swarmrtc.peer.internal.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * The chat channel's message (docs/swarm-protocol.md, "Data channels"):
 * {@code {"type":"chat","text":"hello","ts":1700000000000}}, text at most 16 KiB (UTF-8). Pure.
 */
public final class ChatCodec {
  public static final int MAX_TEXT_BYTES = 16 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A decoded chat message: the text and the sender's clock in Unix milliseconds. */
  public record ChatLine(String text, long ts) {}

  /** Thrown for a chat message that breaks the format; names the field. */
  public static final class ChatFormatException extends RuntimeException {
    public ChatFormatException(String message) {
      super(message);
    }
  }

  private ChatCodec() {}

  /** @throws IllegalArgumentException if the text is over 16 KiB in UTF-8 */
  public static String encode(String text, long ts) {
    checkLength(text);
    return JSON.createObjectNode().put("type", "chat").put("text", text).put("ts", ts).toString();
  }

  public static ChatLine decode(String json) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (Exception e) {
      throw new ChatFormatException("chat message is not JSON");
    }
    if (o == null || !o.isObject()) {
      throw new ChatFormatException("chat message is not a JSON object");
    }
    if (!"chat".equals(o.path("type").textValue())) {
      throw new ChatFormatException("field type: not \"chat\"");
    }
    JsonNode text = o.get("text");
    if (text == null || !text.isTextual()) {
      throw new ChatFormatException("field text: missing or not a string");
    }
    if (text.textValue().getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
      throw new ChatFormatException("field text: over 16 KiB");
    }
    JsonNode ts = o.get("ts");
    if (ts == null || !ts.isIntegralNumber() || !ts.canConvertToLong()) {
      throw new ChatFormatException("field ts: missing or not an integer");
    }
    return new ChatLine(text.textValue(), ts.longValue());
  }

  private static void checkLength(String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
      throw new IllegalArgumentException("chat text is over 16 KiB");
    }
  }
}
