package org.haven.accounts;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Who may reach which route. Deny by default: a route with no rule here is refused, and
 * an anonymous request to any page goes to sign-in. Services check again (DESIGN.md §1:
 * enforced at the route and in the service).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	/**
	 * No inline script or style anywhere, no framing, nothing loaded from another origin.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, JdbcClient jdbc, SignInThrottle throttle,
			SignInRecorder recorder) throws Exception {
		// @formatter:off
		http.authorizeHttpRequests((requests) -> requests
			.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
			.requestMatchers("/webjars/**", "/css/**", "/js/**", "/images/**", "/favicon.ico").permitAll()
			.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
					"/actuator/health/readiness").permitAll()
			.requestMatchers(HttpMethod.GET, "/login").permitAll()
			.requestMatchers("/account/set-password", "/account/forgotten-password").permitAll()
			.requestMatchers("/error").permitAll()
			.requestMatchers(HttpMethod.GET, "/").authenticated()
			.requestMatchers("/account", "/account/password").authenticated()
			.requestMatchers(HttpMethod.GET, "/concerns/new", "/concerns/pupils", "/concerns/mine",
					"/concerns/{id}/logged").hasRole("STAFF")
			.requestMatchers(HttpMethod.POST, "/concerns", "/concerns/{id}/further-information").hasRole("STAFF")
			.requestMatchers(HttpMethod.POST, "/concerns/{id}/screening", "/concerns/{id}/close",
					"/concerns/{id}/reopen").hasRole("STAFF")
			.requestMatchers(HttpMethod.GET, "/concerns").hasAnyRole("DSL", "DEPUTY_DSL")
			.requestMatchers(HttpMethod.GET, "/search").hasAnyRole("DSL", "DEPUTY_DSL", "SAFEGUARDING_TEAM")
			.requestMatchers(HttpMethod.GET, "/concerns/{id}").hasRole("STAFF")
			// Actions: each person's own; adding and managing them is checked per action.
			.requestMatchers("/actions", "/actions/**").authenticated()
			.requestMatchers(HttpMethod.GET, "/alerts").hasAnyRole("DSL", "DEPUTY_DSL", "SAFEGUARDING_TEAM")
			// A chronology answers 404 to anyone who may not see it (the services decide), so
			// that whether a child has one is never revealed.
			.requestMatchers("/pupils/{id}/chronology", "/pupils/{id}/chronology/**").authenticated()
			// So does a document, and uploading to a chronology; attaching to a concern is for
			// the member of staff who raised it.
			.requestMatchers("/pupils/{id}/documents", "/pupils/{id}/documents/new").authenticated()
			.requestMatchers(HttpMethod.GET, "/documents/{id}").authenticated()
			.requestMatchers("/concerns/{id}/documents", "/concerns/{id}/documents/new").hasRole("STAFF")
			.requestMatchers("/admin/pupils/import", "/admin/pupils/import/**").hasAnyRole("ADMIN", "DSL")
			.requestMatchers("/pupils", "/pupils/**").hasAnyRole("DSL", "DEPUTY_DSL", "ADMIN")
			.requestMatchers("/admin/staff", "/admin/staff/**").hasAnyRole("ADMIN", "DSL")
			.requestMatchers("/admin/access", "/admin/access/**", "/admin/categories", "/admin/categories/**",
					"/admin/school", "/admin/school/**", "/admin/audit", "/admin/audit/**")
				.hasRole("DSL")
			.anyRequest().denyAll());
		// @formatter:on
		SignInFailureHandler failure = new SignInFailureHandler("/login");
		http.formLogin((form) -> form.loginPage("/login")
			.usernameParameter("email")
			.passwordParameter("password")
			.failureHandler(failure)
			.permitAll());
		http.addFilterBefore(new SignInThrottleFilter(throttle, recorder, failure),
				UsernamePasswordAuthenticationFilter.class);
		http.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut").permitAll());
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
			.frameOptions((frames) -> frames.deny())
			.crossOriginOpenerPolicy((coop) -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
			.addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
					"camera=(), microphone=(), geolocation=(), payment=(), usb=()")));
		http.addFilterAfter(new CurrentAccessFilter(jdbc, new HttpSessionSecurityContextRepository()),
				SecurityContextHolderFilter.class);
		return http.build();
	}

}
