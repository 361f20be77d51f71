package dev.mailtrace.replay;

import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Test messages as an archive reader would give them. */
final class Messages {
  private Messages() {}

  static RawMessage raw(int index, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      return new RawMessage(new Source("test.mbox", index * 1000L, bytes.length, sha), index, null, bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static String message(int i, String to) {
    return "Return-Path: <sender" + i + "@origin.test>\n"
        + "Received: from a by b; Tue, 3 Mar 2026 10:00:" + String.format("%02d", i % 60) + " +0000\n"
        + "From: Sender <sender" + i + "@origin.test>\n"
        + "To: " + to + "\n"
        + "Subject: message " + i + "\n"
        + "\n"
        + "Body of message " + i + ".\n.starts with a dot\n";
  }

  static List<RawMessage> many(int n) {
    List<RawMessage> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(raw(i, message(i, "user" + i + "@real.test")));
    }
    return list;
  }
}
