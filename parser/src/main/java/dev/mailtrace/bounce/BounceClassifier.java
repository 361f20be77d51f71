package dev.mailtrace.bounce;

import dev.mailtrace.message.Message;

/** Tells whether a message is a delivery report and reads every recipient's outcome from it. */
public final class BounceClassifier {

  /** Classifies a parsed message; ordinary mail gives {@link DeliveryReport#NONE}. Never throws. */
  public DeliveryReport classify(Message message) {
    throw new UnsupportedOperationException("not yet");
  }
}
