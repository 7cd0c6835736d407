package org.haven.system;

import java.net.CookieManager;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.HavenTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where a request comes from decides the sign-in throttle and is written into the audit
 * trail, so {@code X-Forwarded-For} is believed only from a trusted proxy (by default the
 * same machine, as a reverse proxy in front of Haven is). A client anywhere else, even on
 * the school's own network, cannot choose the address it is counted and recorded under.
 */
@HavenTest
class ForwardedHeadersTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aProxyOnTheSameMachinePassesOnTheClientsAddress() throws Exception {
		String email = failSignIn("localhost", "203.0.113.7");
		assertThat(failureAddresses(email)).containsExactly("203.0.113.7");
	}

	@Test
	void aForgedForwardedForFromAnotherMachineNeitherDodgesTheThrottleNorEntersTheAuditTrail() throws Exception {
		Optional<InetAddress> untrusted = networkAddress();
		assumeTrue(untrusted.isPresent(), "this machine has no network address but loopback to connect from");
		String host = (untrusted.get() instanceof Inet6Address)
				? "[" + untrusted.get().getHostAddress().replaceAll("%.*", "") + "]" : untrusted.get().getHostAddress();
		String forged = "198.51.100." + (1 + (int) (Math.random() * 250));

		String email = failSignIn(host, forged);

		List<String> counted = failureAddresses(email);
		assertThat(counted).hasSize(1).doesNotContain(forged);
		assertThat(InetAddress.getByName(counted.get(0)))
			.isEqualTo(InetAddress.getByName(host.replaceAll("[\\[\\]]", "")));
		assertThat(this.jdbc.queryForObject("select count(*) from audit_event where client_address = ?", Integer.class,
				forged))
			.isZero();
	}

	/**
	 * Gives a wrong password for an email no account has, from the host named.
	 * @return the email used
	 */
	private String failSignIn(String host, String forwardedFor) throws Exception {
		String base = "http://" + host + ":" + this.port;
		HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		HttpResponse<String> login = client.send(
				HttpRequest.newBuilder(URI.create(base + "/login")).header("X-Forwarded-For", forwardedFor).build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher token = CSRF.matcher(login.body());
		assertThat(token.find()).as(login.body()).isTrue();
		String email = "forwarded-" + UUID.randomUUID() + "@school.example";
		String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password=wrong-password-123"
				+ "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> failed = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-Forwarded-For", forwardedFor)
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(failed.statusCode()).isEqualTo(302);
		return email;
	}

	private List<String> failureAddresses(String email) {
		return this.jdbc.queryForList("select client_address from sign_in_failure where email = ?", String.class,
				email);
	}

	/**
	 * An address of this machine other than loopback, a private one first (the kind a
	 * school's network uses, which Tomcat would otherwise take for a proxy).
	 */
	private static Optional<InetAddress> networkAddress() throws Exception {
		return Collections.list(NetworkInterface.getNetworkInterfaces())
			.stream()
			.filter(ForwardedHeadersTests::up)
			.flatMap((network) -> Collections.list(network.getInetAddresses()).stream())
			.filter((address) -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()
					&& !address.isAnyLocalAddress())
			.min(Comparator.comparing((InetAddress address) -> !isPrivate(address)));
	}

	private static boolean isPrivate(InetAddress address) {
		byte[] bytes = address.getAddress();
		return address.isSiteLocalAddress() || (bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc);
	}

	private static boolean up(NetworkInterface network) {
		try {
			return network.isUp() && !network.isLoopback();
		}
		catch (Exception ex) {
			return false;
		}
	}

}
