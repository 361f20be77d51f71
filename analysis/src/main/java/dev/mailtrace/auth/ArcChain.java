package dev.mailtrace.auth;

import java.util.List;
import java.util.Objects;

/**
 * A message's ARC chain, validated as RFC 8617 section 5.2 says.
 *
 * @param result none (no ARC fields), pass, fail; temperror when a key needed could not be had
 * @param reason why it is not a pass, or null
 * @param instances the ARC sets in order, instance 1 (the first intermediary) first
 */
public record ArcChain(AuthResult result, String reason, List<ArcInstance> instances) {
  /** A message without ARC fields. */
  public static final ArcChain NONE = new ArcChain(AuthResult.NONE, null, List.of());

  public ArcChain {
    Objects.requireNonNull(result, "result");
    instances = List.copyOf(instances);
  }
}
