package io.chengis.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small real SMTP server on loopback that offers STARTTLS (which GreenMail does not): it
 * advertises STARTTLS before TLS and AUTH PLAIN only after it, as real submission servers do, and
 * records each message with whether it arrived over TLS. Its certificate is GreenMail's test
 * keystore.
 */
final class StartTlsSmtpServer implements AutoCloseable {
  /** A message as received. */
  record Received(boolean tls, String user, List<String> recipients, String data) {}

  private final ServerSocket server;
  private final SSLContext tls;
  private final String user;
  private final String password;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  StartTlsSmtpServer(String user, String password) throws Exception {
    this.user = user;
    this.password = password;
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("greenmail.p12")) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory managers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, "changeit".toCharArray());
    tls = SSLContext.getInstance("TLS");
    tls.init(managers.getKeyManagers(), null, null);
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  private void accept() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        converse(socket);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void converse(Socket plain) throws IOException {
    Socket socket = plain;
    BufferedReader in = reader(socket);
    Writer out = writer(socket);
    boolean secure = false;
    String authenticated = "";
    List<String> recipients = new CopyOnWriteArrayList<>();
    reply(out, "220 localhost ESMTP chengis-test");
    String line;
    while ((line = in.readLine()) != null) {
      String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
      switch (command) {
        case "EHLO" -> {
          if (secure) {
            reply(out, "250-localhost\r\n250 AUTH PLAIN");
          } else {
            reply(out, "250-localhost\r\n250 STARTTLS");
          }
        }
        case "STAR" -> {
          reply(out, "220 2.0.0 Ready to start TLS");
          SSLSocket upgraded =
              (SSLSocket)
                  tls.getSocketFactory()
                      .createSocket(
                          socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
          upgraded.setUseClientMode(false);
          upgraded.startHandshake();
          socket = upgraded;
          in = reader(socket);
          out = writer(socket);
          secure = true;
        }
        case "AUTH" -> {
          String[] parts = line.split(" ");
          String response = parts.length > 2 ? parts[2] : null;
          if (response == null) {
            reply(out, "334 ");
            response = in.readLine();
          }
          String[] fields =
              new String(Base64.getDecoder().decode(response), StandardCharsets.UTF_8).split("\0");
          if (secure
              && fields.length == 3
              && fields[1].equals(user)
              && fields[2].equals(password)) {
            authenticated = fields[1];
            reply(out, "235 2.7.0 Authentication successful");
          } else {
            reply(out, "535 5.7.8 Authentication credentials invalid");
          }
        }
        case "MAIL" ->
            reply(out, authenticated.isEmpty() ? "530 5.7.0 Authentication required" : "250 OK");
        case "RCPT" -> {
          recipients.add(line.substring(line.indexOf(':') + 1).strip());
          reply(out, "250 OK");
        }
        case "DATA" -> {
          reply(out, "354 End data with <CR><LF>.<CR><LF>");
          StringBuilder data = new StringBuilder();
          String next;
          while ((next = in.readLine()) != null && !next.equals(".")) {
            data.append(next.startsWith("..") ? next.substring(1) : next).append('\n');
          }
          received.add(
              new Received(secure, authenticated, List.copyOf(recipients), data.toString()));
          recipients.clear();
          reply(out, "250 OK queued");
        }
        case "QUIT" -> {
          reply(out, "221 Bye");
          return;
        }
        default -> reply(out, "250 OK");
      }
    }
  }

  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }

  private static Writer writer(Socket socket) throws IOException {
    OutputStream stream = socket.getOutputStream();
    return new OutputStreamWriter(stream, StandardCharsets.UTF_8);
  }

  private static void reply(Writer out, String text) throws IOException {
    out.write(text + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      acceptor.join();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
