package dev.mailtrace.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;

/**
 * A server the user named on the command line ({@code HOST[:PORT]}, {@code [IPv6]:PORT}), and the
 * one safety rule for every command that connects: only loopback addresses unless the user says
 * {@code --i-mean-it}.
 *
 * @param host a name or address, without brackets
 * @param port 1 to 65535
 */
record ServerAddress(String host, int port) {

  /** Parses {@code HOST[:PORT]}; a usage error names {@code option}. */
  static ServerAddress parse(String option, String text, int defaultPort) {
    String host = text;
    int port = defaultPort;
    int colon = text.lastIndexOf(':');
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw CliException.usage(option + " '" + text + "' has no closing ']'; write [::1]:2525");
      }
      host = text.substring(1, close);
      colon = text.indexOf(':', close);
    } else if (colon >= 0 && text.indexOf(':') != colon) {
      colon = -1; // a bare IPv6 address
    } else if (colon >= 0) {
      host = text.substring(0, colon);
    }
    if (colon >= 0) {
      try {
        port = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw CliException.usage(option + " '" + text + "' has no port number after ':'; write HOST:PORT");
      }
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw CliException.usage(option + " '" + text + "' is not HOST:PORT with a port from 1 to 65535");
    }
    return new ServerAddress(host, port);
  }

  /** Refuses a host that is not this machine unless {@code iMeanIt}. */
  void requireAllowed(boolean iMeanIt) {
    if (!iMeanIt && !isLoopback(host)) {
      throw CliException.usage(host + " is not this machine: add --i-mean-it to talk to another server");
    }
  }

  /** Refuses any address that is not loopback unless {@code iMeanIt}; {@code what} names them. */
  static void requireAllowed(Collection<InetAddress> addresses, String what, boolean iMeanIt) {
    for (InetAddress a : addresses) {
      if (!iMeanIt && !a.isLoopbackAddress()) {
        throw CliException.usage(what + " resolves to " + a.getHostAddress() + ", which is not this machine: add --i-mean-it to deliver there");
      }
    }
  }

  /** Whether every address of {@code host} is a loopback address. */
  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      throw CliException.environment("cannot resolve " + host + "; check the host name");
    }
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
