package org.haven.signin;

import java.time.Clock;

import jakarta.servlet.DispatcherType;

import org.haven.accounts.HavenUser;
import org.haven.accounts.StaffCredentials;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagerFactory;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.config.annotation.authorization.EnableMultiFactorAuthentication;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationProvider;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

import static org.springframework.security.authorization.AuthorizationManagers.allOf;

/**
 * Who may reach which route. Deny by default: a route with no rule here is refused, and
 * an anonymous request to any page goes to sign-in. Services check again (DESIGN.md §1:
 * enforced at the route and in the service).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableMultiFactorAuthentication(authorities = {})
class SecurityConfiguration {

	/**
	 * No inline script or style anywhere, no framing, nothing loaded from another origin.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/**
	 * Every rule below that names a role or asks for a signed-in person also asks for the
	 * second factor of anyone who needs one ({@link SecondFactorRules#signedIn()}).
	 */
	@Bean
	SecondFactorRules secondFactorRules(Clock clock) {
		return new SecondFactorRules(clock);
	}

	/**
	 * An attempt to sign in waits as the throttle says, on the thread that answers it.
	 * Tests put a pause of their own in its place, that records instead of waiting.
	 */
	@Bean
	@ConditionalOnMissingBean
	SignInPause signInPause() {
		return (email, delay) -> Thread.sleep(delay.toMillis());
	}

	/**
	 * Spring Security observes its filter chain filter by filter when Micrometer is
	 * present: about twenty observations on every request, 4 to 8 % of a page's time (17
	 * % of the signed-in sign-in page) and nothing an operator reads. Off; request
	 * latency by route comes from Spring MVC's own observation
	 * ({@code http_server_requests}), and sign-ins and authorization decisions are still
	 * observed (Spring Security's documented switch).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.withDefaults()
			.shouldObserveRequests(false)
			.shouldObserveAuthentications(true)
			.shouldObserveAuthorizations(true)
			.build();
	}

	@Bean
	AuthorizationManagerFactory<Object> authorizationManagerFactory(SecondFactorRules factors) {
		DefaultAuthorizationManagerFactory<Object> factory = new DefaultAuthorizationManagerFactory<>();
		factory.setAdditionalAuthorization(factors.signedIn());
		return factory;
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, StaffCredentials credentials, SignInThrottle throttle,
			SignInRecorder recorder, AuthorizationManagerFactory<Object> rules, SecondFactorRules factors,
			AuthenticatorApps apps, RecoveryCodes recoveryCodes, Clock clock, ApplicationEventPublisher events,
			WebAuthnRelyingPartyOperations relyingParty, UserDetailsService users, SignInPause pause,
			@Value("${haven.operator-token:}") String operatorToken) throws Exception {
		// Opening a chronology, a document or the audit log: a second factor in the last
		// 12 hours too, from those whose roles may ever read one (anyone else is answered
		// 404 by the route at once, never sent to set up a factor that opens nothing).
		AuthorizationManager<Object> recently = factors.recent();
		AuthorizationManager<Object> recentlyIfReader = factors.recentFor(HavenUser::readsChronologies);
		SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
				new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
		// @formatter:off
		http.authorizeHttpRequests((requests) -> requests
			.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
			.requestMatchers("/webjars/**", "/css/**", "/js/**", "/images/**", "/favicon.ico").permitAll()
			.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
					"/actuator/health/readiness").permitAll()
			// Metrics: the operator token alone (OperatorTokenFilter), never a session.
			.requestMatchers(HttpMethod.GET, OperatorTokenFilter.METRICS)
				.access(AuthorityAuthorizationManager.hasAuthority(OperatorTokenFilter.ROLE))
			.requestMatchers(HttpMethod.GET, "/login").permitAll()
			.requestMatchers("/account/set-password", "/account/forgotten-password").permitAll()
			.requestMatchers("/error").permitAll()
			// Where someone who has given their password gives, or sets up, the second factor.
			.requestMatchers(SecondFactorFilter.PATH, SecondFactorFilter.PATH + "/**")
				.access(AuthenticatedAuthorizationManager.authenticated())
			// Spring Security's passkey registration; PasskeyChangeGuard asks for more.
			.requestMatchers("/webauthn/register", "/webauthn/register/**").authenticated()
			.requestMatchers(HttpMethod.GET, "/pupils/{id}/chronology", "/pupils/{id}/chronology/**",
					"/pupils/{id}/chronology.pdf", "/documents/{id}").access(allOf(rules.authenticated(), recentlyIfReader))
			.requestMatchers(HttpMethod.GET, "/admin/audit", "/admin/audit/**")
				.access(allOf(rules.hasRole("DSL"), recently))
			// Concerns about adults: raised by any member of staff, or a governor (about the
			// headteacher); read by the case manager and the staff they add, with a recent
			// second factor. A case that is not theirs, or is about them, does not exist (the
			// service decides).
			.requestMatchers(HttpMethod.GET, "/allegations/new", "/allegations/{id}/received")
				.hasAnyRole("STAFF", "GOVERNOR")
			.requestMatchers(HttpMethod.GET, "/allegations/pupils").hasRole("STAFF")
			.requestMatchers(HttpMethod.POST, "/allegations").hasAnyRole("STAFF", "GOVERNOR")
			.requestMatchers(HttpMethod.GET, "/allegations", "/allegations/**")
				.access(allOf(rules.hasAnyRole("STAFF", "HEADTEACHER", "CHAIR_OF_GOVERNORS"), recently))
			.requestMatchers(HttpMethod.POST, "/allegations/**").hasAnyRole("STAFF", "HEADTEACHER", "CHAIR_OF_GOVERNORS")
			.requestMatchers(HttpMethod.GET, "/").authenticated()
			.requestMatchers("/account", "/account/password", "/account/second-factor", "/account/second-factor/**")
				.authenticated()
			.requestMatchers(HttpMethod.GET, "/concerns/new", "/concerns/pupils", "/concerns/mine",
					"/concerns/{id}/logged").hasRole("STAFF")
			.requestMatchers(HttpMethod.POST, "/concerns", "/concerns/{id}/further-information").hasRole("STAFF")
			.requestMatchers(HttpMethod.POST, "/concerns/{id}/screening", "/concerns/{id}/close",
					"/concerns/{id}/reopen").hasRole("STAFF")
			.requestMatchers(HttpMethod.GET, "/concerns").hasAnyRole("DSL", "DEPUTY_DSL")
			.requestMatchers(HttpMethod.GET, "/search").hasAnyRole("DSL", "DEPUTY_DSL", "SAFEGUARDING_TEAM")
			// The DSL team's reports: the safeguarding team's count only its categories.
			.requestMatchers(HttpMethod.GET, "/reports", "/reports/csv/{panel}")
				.hasAnyRole("DSL", "DEPUTY_DSL", "SAFEGUARDING_TEAM")
			.requestMatchers(HttpMethod.GET, "/concerns/{id}").hasRole("STAFF")
			// Actions: each person's own; adding and managing them is checked per action.
			.requestMatchers("/actions", "/actions/**").authenticated()
			.requestMatchers(HttpMethod.GET, "/alerts").hasAnyRole("DSL", "DEPUTY_DSL", "SAFEGUARDING_TEAM")
			// A chronology answers 404 to anyone who may not see it (the services decide), so
			// that whether a child has one is never revealed.
			.requestMatchers("/pupils/{id}/chronology", "/pupils/{id}/chronology/**", "/pupils/{id}/chronology.pdf")
				.authenticated()
			// So does a document, and uploading to a chronology; attaching to a concern is for
			// the member of staff who raised it.
			.requestMatchers("/pupils/{id}/documents", "/pupils/{id}/documents/new").authenticated()
			.requestMatchers(HttpMethod.GET, "/documents/{id}").authenticated()
			.requestMatchers("/concerns/{id}/documents", "/concerns/{id}/documents/new").hasRole("STAFF")
			// Transfers of a child's file: the DSL and deputies (the service answers 404 to a
			// child they may not see).
			.requestMatchers("/transfers", "/transfers/**", "/pupils/{id}/transfers", "/pupils/{id}/transfers/**")
				.hasAnyRole("DSL", "DEPUTY_DSL")
			.requestMatchers("/admin/pupils/import", "/admin/pupils/import/**").hasAnyRole("ADMIN", "DSL")
			.requestMatchers("/pupils", "/pupils/**").hasAnyRole("DSL", "DEPUTY_DSL", "ADMIN")
			// The governors' report: governors and the DSL team read what is published; the
			// DSL alone prepares and publishes (the service checks each).
			.requestMatchers(HttpMethod.GET, "/reports/governors", "/reports/governors/**")
				.hasAnyRole("GOVERNOR", "DSL", "DEPUTY_DSL")
			.requestMatchers(HttpMethod.POST, "/reports/governors").hasRole("DSL")
			.requestMatchers(HttpMethod.POST, "/admin/staff/{id}/second-factor/reset").hasRole("ADMIN")
			.requestMatchers(HttpMethod.GET, "/admin").hasAnyRole("ADMIN", "DSL")
			.requestMatchers("/admin/staff", "/admin/staff/**").hasAnyRole("ADMIN", "DSL")
			// Term dates: the DSL or the office.
			.requestMatchers("/admin/school/terms", "/admin/school/terms/**").hasAnyRole("ADMIN", "DSL")
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
		http.addFilterBefore(new SignInThrottleFilter(throttle, recorder, failure, pause),
				UsernamePasswordAuthenticationFilter.class);
		ProviderManager codes = new ProviderManager(new SecondFactorProvider(apps, recoveryCodes, throttle, clock));
		codes.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
		http.addFilterAfter(new SecondFactorFilter(codes, contexts), UsernamePasswordAuthenticationFilter.class);
		// A passkey: Spring Security's WebAuthn support checks it, and
		// PasskeyProvider takes it only as the second factor of the person
		// who gave the password.
		ProviderManager passkeys = new ProviderManager(
				new PasskeyProvider(new WebAuthnAuthenticationProvider(relyingParty, users), throttle, clock));
		passkeys.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
		http.webAuthn((webAuthn) -> webAuthn.disableDefaultRegistrationPage(true)
			.creationOptionsRepository(new PendingPasskeyRegistrations(clock))
			.withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
				@Override
				public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
					filter.setAuthenticationManager(passkeys);
					filter.setMfaEnabled(true);
					filter.setSecurityContextRepository(contexts);
					filter.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
					return filter;
				}
			}));
		http.addFilterAfter(new PasskeyChangeGuard(factors, clock), CsrfFilter.class);
		http.exceptionHandling((exceptions) -> exceptions
			.defaultDeniedHandlerForMissingAuthority(new LoginUrlAuthenticationEntryPoint(SecondFactorFilter.PATH),
					SecondFactorRules.APP)
			// A governor is told any page outside their own does not exist.
			.defaultAccessDeniedHandlerFor(new GovernorRefusal(), AnyRequestMatcher.INSTANCE));
		// Whatever scrapes the metrics without the token is answered 401, not sent to
		// sign in.
		http.exceptionHandling((exceptions) -> exceptions
			.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
					PathPatternRequestMatcher.withDefaults().matcher(OperatorTokenFilter.METRICS))
			// Everyone else, whatever they accept, is sent to sign in (as when sign-in's
			// entry point was the only one).
			.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
					AnyRequestMatcher.INSTANCE));
		http.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut").permitAll());
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
			.frameOptions((frames) -> frames.deny())
			.crossOriginOpenerPolicy((coop) -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
			.addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
					"camera=(), microphone=(), geolocation=(), payment=(), usb=()")));
		http.addFilterAfter(new CurrentAccessFilter(credentials, new HttpSessionSecurityContextRepository()),
				SecurityContextHolderFilter.class);
		// After the session's person is loaded: the operator token stands in for them on
		// a health request only, and never enters a session.
		http.addFilterAfter(new OperatorTokenFilter(operatorToken), CurrentAccessFilter.class);
		return http.build();
	}

}
