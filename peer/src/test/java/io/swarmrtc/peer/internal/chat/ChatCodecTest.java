package io.swarmrtc.peer.internal.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatCodecTest {
  @Test
  void encodesTheDocumentedExampleAndDecodesItBack() {
    String json = ChatCodec.encode("hello", 1700000000000L);
    assertEquals("{\"type\":\"chat\",\"text\":\"hello\",\"ts\":1700000000000}", json);
    assertEquals(new ChatCodec.ChatLine("hello", 1700000000000L), ChatCodec.decode(json));
  }

  @Test
  void textUpTo16KiBIsAllowedAndLongerIsRefused() {
    String max = "é".repeat(8 * 1024); // 2 bytes each: exactly 16 KiB
    assertEquals(max, ChatCodec.decode(ChatCodec.encode(max, 1)).text());
    assertThrows(IllegalArgumentException.class, () -> ChatCodec.encode(max + "x", 1));
    String tooLong = "{\"type\":\"chat\",\"text\":\"" + "x".repeat(16 * 1024 + 1) + "\",\"ts\":1}";
    assertThrows(ChatCodec.ChatFormatException.class, () -> ChatCodec.decode(tooLong));
  }

  @ParameterizedTest(name = "{0} is rejected naming \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "nope|JSON",
      "[]|object",
      "{\"type\":\"shout\",\"text\":\"a\",\"ts\":1}|type",
      "{\"type\":\"chat\",\"ts\":1}|text",
      "{\"type\":\"chat\",\"text\":5,\"ts\":1}|text",
      "{\"type\":\"chat\",\"text\":\"a\"}|ts",
      "{\"type\":\"chat\",\"text\":\"a\",\"ts\":\"now\"}|ts",
      "{\"type\":\"chat\",\"text\":\"a\",\"ts\":1.5}|ts",
  })
  void malformedChatMessagesAreRejected(String json, String field) {
    ChatCodec.ChatFormatException e = assertThrows(ChatCodec.ChatFormatException.class, () -> ChatCodec.decode(json));
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }
}
