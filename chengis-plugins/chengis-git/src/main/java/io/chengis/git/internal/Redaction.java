package io.chengis.git.internal;

import java.util.regex.Pattern;

/** Keeps credentials out of messages and logs. */
public final class Redaction {
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

  private Redaction() {}

  /**
   * The URL with any {@code user:password@} part replaced.
   *
   * @param url a clone URL
   * @return the URL safe to show
   */
  public static String url(String url) {
    return USER_INFO.matcher(url).replaceAll("***@");
  }

  /**
   * The text with every occurrence of the secret (and of user info in URLs) replaced.
   *
   * @param text a message
   * @param secret the credential's value, or empty
   * @return the text safe to show
   */
  public static String text(String text, String secret) {
    String out = secret.isEmpty() ? text : text.replace(secret, "***");
    return USER_INFO.matcher(out).replaceAll("***@");
  }
}
