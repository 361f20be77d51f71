package dev.mailtrace.received;

/**
 * IP addresses as Received fields write them: reading, normalising and classifying.
 *
 * <p>Normal form: IPv4 dotted decimal without leading zeros; IPv6 in RFC 5952 form (lower case,
 * leading zeros dropped, the longest run of two or more zero groups as {@code ::}); an IPv4-mapped
 * IPv6 address ({@code ::ffff:a.b.c.d}) becomes its IPv4 address, since the sender was an IPv4
 * host; zone ids ({@code %eth0}) are dropped because they only mean something on the receiver.
 * No DNS, no {@link java.net.InetAddress}: a pure scan.
 */
final class IpAddress {
  private IpAddress() {}

  /** Reserved ranges met on mail paths; {@code PUBLIC} when none applies. */
  enum Range {
    PUBLIC,
    PRIVATE, // RFC 1918
    LOOPBACK, // 127/8, ::1
    LINK_LOCAL, // 169.254/16, fe80::/10
    SHARED, // RFC 6598 carrier-grade NAT 100.64/10
    UNIQUE_LOCAL, // RFC 4193 fc00::/7
    DOCUMENTATION, // RFC 5737, RFC 3849
    UNSPECIFIED, // 0/8, ::
    OTHER_RESERVED; // multicast, 240/4, benchmarking 198.18/15

    boolean isPublic() {
      return this == PUBLIC;
    }
  }

  /**
   * The normal form of the address in {@code s[from, to)}, or null when it is not one. Accepts an
   * optional {@code IPv6:} prefix (RFC 5321 section 4.1.3), surrounding brackets, a zone id, and a
   * trailing port written {@code :port} (IPv4) or as a fifth dotted number (old Exim).
   */
  static String normalise(CharSequence s, int from, int to) {
    while (from < to && (s.charAt(from) == '[' || s.charAt(from) == '(')) {
      from++;
    }
    while (to > from && (s.charAt(to - 1) == ']' || s.charAt(to - 1) == ')')) {
      to--;
    }
    if (to - from >= 5 && regionIgnoreCase(s, from, "ipv6:")) {
      from += 5;
    }
    if (from >= to || to - from > 64) {
      return null;
    }
    boolean colon = false;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == ':') {
        colon = true;
        break;
      }
    }
    int[] v4 = parseV4(s, from, to, true);
    if (v4 != null) {
      return v4Text(v4);
    }
    if (!colon) {
      return null;
    }
    int[] v6 = parseV6(s, from, to);
    if (v6 == null) {
      return null;
    }
    return v6Text(v6);
  }

  static String normalise(CharSequence s) {
    return s == null ? null : normalise(s, 0, s.length());
  }

  /** True when {@code s} is an IP address in any accepted form. */
  static boolean isIp(CharSequence s) {
    return normalise(s) != null;
  }

  /** The reserved range a normalised address belongs to. */
  static Range range(String ip) {
    if (ip == null) {
      return Range.PUBLIC;
    }
    int[] v4 = parseV4(ip, 0, ip.length(), false);
    if (v4 != null) {
      return rangeV4(v4[0], v4[1], v4[2]);
    }
    int[] g = parseV6(ip, 0, ip.length());
    if (g == null) {
      return Range.PUBLIC;
    }
    boolean allZero = true;
    for (int i = 0; i < 7; i++) {
      allZero &= g[i] == 0;
    }
    if (allZero && g[7] == 1) {
      return Range.LOOPBACK;
    }
    if (allZero && g[7] == 0) {
      return Range.UNSPECIFIED;
    }
    if ((g[0] & 0xffc0) == 0xfe80) {
      return Range.LINK_LOCAL;
    }
    if ((g[0] & 0xfe00) == 0xfc00) {
      return Range.UNIQUE_LOCAL;
    }
    if (g[0] == 0x2001 && g[1] == 0x0db8) {
      return Range.DOCUMENTATION;
    }
    if ((g[0] & 0xff00) == 0xff00) {
      return Range.OTHER_RESERVED;
    }
    return Range.PUBLIC;
  }

  private static Range rangeV4(int a, int b, int c) {
    if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)) {
      return Range.PRIVATE;
    }
    if (a == 127) {
      return Range.LOOPBACK;
    }
    if (a == 169 && b == 254) {
      return Range.LINK_LOCAL;
    }
    if (a == 100 && (b & 0xc0) == 64) {
      return Range.SHARED;
    }
    if ((a == 192 && b == 0 && c == 2) || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
      return Range.DOCUMENTATION;
    }
    if (a == 0) {
      return Range.UNSPECIFIED;
    }
    if (a >= 224 || (a == 198 && (b & 0xfe) == 18) || (a == 192 && b == 0 && c == 0)) {
      return Range.OTHER_RESERVED;
    }
    return Range.PUBLIC;
  }

  /** Four octets, or null; with {@code lenient} a {@code :port} or fifth number is ignored. */
  private static int[] parseV4(CharSequence s, int from, int to, boolean lenient) {
    int[] octets = new int[4];
    int part = 0;
    int value = -1;
    int digits = 0;
    for (int i = from; i < to; i++) {
      char ch = s.charAt(i);
      if (ch >= '0' && ch <= '9') {
        if (digits == 3) {
          return null;
        }
        value = (value < 0 ? 0 : value * 10) + (ch - '0');
        digits++;
      } else if (ch == '.' && digits > 0) {
        if (value > 255) {
          return null;
        }
        octets[part++] = value;
        value = -1;
        digits = 0;
        if (part == 4) {
          // a fifth dotted number is a port (Exim 3: [10.0.8.6.13219])
          return lenient && onlyDigits(s, i + 1, to) ? octets : null;
        }
      } else if (ch == ':' && lenient && part == 3 && digits > 0 && onlyDigits(s, i + 1, to)) {
        if (value > 255) {
          return null;
        }
        octets[3] = value;
        return octets;
      } else {
        return null;
      }
    }
    if (part != 3 || digits == 0 || value > 255) {
      return null;
    }
    octets[3] = value;
    return octets;
  }

  private static boolean onlyDigits(CharSequence s, int from, int to) {
    if (from >= to || to - from > 5) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return true;
  }

  /** Eight 16-bit groups, or null. */
  private static int[] parseV6(CharSequence s, int from, int to) {
    int zone = -1;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '%') {
        zone = i;
        break;
      }
    }
    if (zone >= 0) {
      to = zone;
    }
    int[] head = new int[8];
    int[] tail = new int[8];
    int nHead = 0;
    int nTail = 0;
    boolean gap = false;
    int i = from;
    if (to - from >= 2 && s.charAt(from) == ':' && s.charAt(from + 1) == ':') {
      gap = true;
      i = from + 2;
    } else if (from < to && s.charAt(from) == ':') {
      return null;
    }
    while (i < to) {
      int start = i;
      int value = 0;
      while (i < to && hex(s.charAt(i)) >= 0 && i - start < 4) {
        value = value * 16 + hex(s.charAt(i));
        i++;
      }
      if (i < to && s.charAt(i) == '.') {
        // embedded IPv4 in the last 32 bits
        int[] v4 = parseV4(s, start, to, false);
        if (v4 == null) {
          return null;
        }
        int hi = v4[0] << 8 | v4[1];
        int lo = v4[2] << 8 | v4[3];
        if (gap) {
          tail[nTail++] = hi;
          tail[nTail++] = lo;
        } else {
          head[nHead++] = hi;
          head[nHead++] = lo;
        }
        i = to;
        break;
      }
      if (i == start) {
        return null;
      }
      if (gap) {
        if (nTail == 8) {
          return null;
        }
        tail[nTail++] = value;
      } else {
        if (nHead == 8) {
          return null;
        }
        head[nHead++] = value;
      }
      if (i == to) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < to && s.charAt(i) == ':') {
        if (gap) {
          return null;
        }
        gap = true;
        i++;
      } else if (i == to) {
        return null;
      }
    }
    if (nHead + nTail > 8 || (nHead + nTail > 7 && gap) || (!gap && nHead != 8)) {
      return null;
    }
    int[] groups = new int[8];
    System.arraycopy(head, 0, groups, 0, nHead);
    System.arraycopy(tail, 0, groups, 8 - nTail, nTail);
    return groups;
  }

  private static int hex(char ch) {
    if (ch >= '0' && ch <= '9') {
      return ch - '0';
    }
    if (ch >= 'a' && ch <= 'f') {
      return ch - 'a' + 10;
    }
    if (ch >= 'A' && ch <= 'F') {
      return ch - 'A' + 10;
    }
    return -1;
  }

  private static String v4Text(int[] o) {
    return o[0] + "." + o[1] + "." + o[2] + "." + o[3];
  }

  private static String v6Text(int[] g) {
    boolean mapped = g[5] == 0xffff;
    for (int i = 0; i < 5; i++) {
      mapped &= g[i] == 0;
    }
    if (mapped) {
      return v4Text(new int[] {g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff});
    }
    // RFC 5952 section 4.2: the longest run of zero groups (at least two), the first on a tie
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder b = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLen - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(g[i]));
    }
    return b.toString();
  }

  static boolean regionIgnoreCase(CharSequence s, int at, String lower) {
    if (at + lower.length() > s.length()) {
      return false;
    }
    for (int i = 0; i < lower.length(); i++) {
      char c = s.charAt(at + i);
      // ASCII by hand: Character.toLowerCase is a table lookup per character, the common case
      // in every Received field's keyword checks.
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      } else if (c >= 128) {
        c = Character.toLowerCase(c);
      }
      if (c != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
