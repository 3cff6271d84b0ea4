package io.chengis.engine.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The forms in which a secret value commonly shows up in output: the value itself, its base64
 * encodings (standard and URL-safe, padded and not, and the stable inner part at each of the three
 * byte alignments, so that a secret inside a larger base64 blob such as a Basic auth header is
 * still found), its URL encodings and its JSON-escaped form.
 */
final class SecretVariants {
  /** Inner base64 fragments shorter than this would match unrelated text too often. */
  private static final int MIN_ALIGNED_FRAGMENT = 6;

  private SecretVariants() {}

  static Set<String> of(String secret) {
    Set<String> variants = new LinkedHashSet<>();
    if (secret.isEmpty()) {
      return variants;
    }
    variants.add(secret);
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    String padded = Base64.getEncoder().encodeToString(bytes);
    addBase64(variants, padded);
    for (int offset = 0; offset < 3; offset++) {
      byte[] shifted = new byte[offset + bytes.length];
      System.arraycopy(bytes, 0, shifted, offset, bytes.length);
      String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
      int start = (offset * 8 + 5) / 6; // first character made of secret bits only
      int end = (shifted.length * 8) / 6; // last character made of secret bits only
      if (end - start >= MIN_ALIGNED_FRAGMENT) {
        addBase64(variants, encoded.substring(start, end));
      }
    }
    String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    for (String form : new String[] {url, url.replace("+", "%20")}) {
      variants.add(form);
      variants.add(lowerCaseEscapes(form));
    }
    variants.add(json(secret));
    variants.add(json(secret).replace("/", "\\/"));
    return variants;
  }

  private static void addBase64(Set<String> variants, String encoded) {
    variants.add(encoded);
    String unpadded = encoded.replace("=", "");
    variants.add(unpadded);
    variants.add(encoded.replace('+', '-').replace('/', '_'));
    variants.add(unpadded.replace('+', '-').replace('/', '_'));
  }

  private static String lowerCaseEscapes(String urlEncoded) {
    StringBuilder lower = new StringBuilder(urlEncoded.length());
    for (int i = 0; i < urlEncoded.length(); i++) {
      char c = urlEncoded.charAt(i);
      lower.append(c);
      if (c == '%' && i + 2 < urlEncoded.length()) {
        lower.append(urlEncoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
        i += 2;
      }
    }
    return lower.toString();
  }

  private static String json(String secret) {
    StringBuilder escaped = new StringBuilder(secret.length() + 8);
    for (char c : secret.toCharArray()) {
      switch (c) {
        case '"' -> escaped.append("\\\"");
        case '\\' -> escaped.append("\\\\");
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        case '\b' -> escaped.append("\\b");
        case '\f' -> escaped.append("\\f");
        default -> {
          if (c < 0x20) {
            escaped.append(String.format("\\u%04x", (int) c));
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }
}
