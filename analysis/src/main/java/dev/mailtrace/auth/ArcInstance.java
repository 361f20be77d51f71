package dev.mailtrace.auth;

/**
 * One ARC set (RFC 8617 section 4.1): what one intermediary saw and signed.
 *
 * @param instance its {@code i=}, from 1
 * @param chainValidation the seal's {@code cv=}: none, pass or fail; null without a seal
 * @param authservId the ARC-Authentication-Results' authserv-id: who evaluated the message; null
 *     when missing
 * @param authResults the ARC-Authentication-Results' results after the authserv-id, as written
 * @param messageSignature the ARC-Message-Signature's verdict, or null when the set has none
 * @param seal the ARC-Seal's verdict, or null when the set has none
 */
public record ArcInstance(
    int instance,
    String chainValidation,
    String authservId,
    String authResults,
    SignatureVerdict messageSignature,
    SignatureVerdict seal) {}
