package org.haven.mail;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A real SMTP server (GreenMail) for every test context, started once per JVM, with
 * Haven's mail settings pointed at it. Tests read what Haven really sent.
 */
public class TestMail implements EnvironmentPostProcessor {

	private static GreenMail server;

	private static int port;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		GreenMail mail = server();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("havenTestMail",
					Map.of("spring.mail.host", "localhost", "spring.mail.port", port,
							// Tests send the outbox when they choose, so that nothing
							// races them.
							"haven.mail.send-every", "1h")));
	}

	public static synchronized GreenMail server() {
		if (server == null) {
			server = new GreenMail(new ServerSetup(0, "localhost", ServerSetup.PROTOCOL_SMTP));
			server.start();
			port = server.getSmtp().getPort();
		}
		return server;
	}

	/**
	 * Takes the mail server away, as an outage would.
	 */
	public static synchronized void stop() {
		server().stop();
	}

	/**
	 * Brings the mail server back on the port Haven was told about, with nothing
	 * received.
	 */
	public static synchronized void restart() {
		server.stop();
		server = new GreenMail(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
		server.start();
	}

	/**
	 * @return every message received for the address, oldest first
	 */
	public static List<MimeMessage> to(String address) {
		return Arrays.stream(server().getReceivedMessages()).filter((message) -> {
			try {
				return Arrays.stream(message.getAllRecipients())
					.anyMatch((to) -> to.toString().equalsIgnoreCase(address));
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/**
	 * @return the path and query of the first link to Haven in the message's body
	 */
	public static String link(MimeMessage message) {
		Matcher link = Pattern.compile("https?://[^/\\s]+(/\\S+)").matcher(body(message));
		if (!link.find()) {
			throw new IllegalStateException("No link in: " + body(message));
		}
		return link.group(1);
	}

	/**
	 * @return the text of the message, decoded
	 */
	public static String body(MimeMessage message) {
		try {
			return message.getContent().toString();
		}
		catch (java.io.IOException | jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
