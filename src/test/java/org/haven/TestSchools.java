package org.haven;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.haven.signin.SecondFactors;
import org.haven.signin.TestCodes;
import org.haven.accounts.NewStaffAccount;
import org.haven.accounts.Role;
import org.haven.accounts.StaffAccounts;
import org.haven.pupils.Gender;
import org.haven.pupils.NewPupil;
import org.haven.pupils.PupilDirectory;
import org.haven.pupils.PupilFlag;
import org.haven.pupils.Upn;
import org.haven.pupils.YearGroup;
import org.haven.school.Schools;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Small builders for test data: a school of its own for a test that must not see or
 * disturb Oakfield, its staff and its pupils, each with unique emails and UPNs.
 */
@Component
public class TestSchools {

	private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 100_000));

	private final Schools schools;

	private final StaffAccounts staff;

	private final PupilDirectory pupils;

	private final org.springframework.security.core.userdetails.UserDetailsService users;

	private final org.haven.school.SafeguardingCategories categories;

	private final SecondFactors secondFactors;

	public TestSchools(Schools schools, StaffAccounts staff, PupilDirectory pupils,
			org.springframework.security.core.userdetails.UserDetailsService users,
			org.haven.school.SafeguardingCategories categories, SecondFactors secondFactors) {
		this.secondFactors = secondFactors;
		this.categories = categories;
		this.users = users;
		this.schools = schools;
		this.staff = staff;
		this.pupils = pupils;
	}

	public UUID school(String name) {
		return this.schools.register(name, null).id();
	}

	/**
	 * @return the new account's email; its password is the demo password
	 */
	public String member(UUID schoolId, Role... roles) {
		String email = "test-" + UUID.randomUUID() + "@school.example";
		UUID id = this.staff.createWithPasswordHash(
				new NewStaffAccount(schoolId, email, "Test " + roles[0].label(), "Tester", Set.of(roles)),
				this.staff.hashPassword(Visitor.DEMO_PASSWORD));
		if (java.util.Arrays.stream(roles).anyMatch(Role::requiresSecondFactor)) {
			// Set up as the demo school's are: an app with the demo secret.
			this.secondFactors.enrolAppWithSecret(id, TestCodes.DEMO_SECRET);
		}
		return email;
	}

	/**
	 * @return the new account's email: one that, whatever its roles, has set up an app
	 * with the demo secret, as someone who chose to would
	 */
	public String memberWithSecondFactor(UUID schoolId, Role... roles) {
		String email = "test-" + UUID.randomUUID() + "@school.example";
		UUID id = this.staff.createWithPasswordHash(
				new NewStaffAccount(schoolId, email, "Test " + roles[0].label(), "Tester", Set.of(roles)),
				this.staff.hashPassword(Visitor.DEMO_PASSWORD));
		this.secondFactors.enrolAppWithSecret(id, TestCodes.DEMO_SECRET);
		return email;
	}

	/**
	 * @return the new account's email: one that, whatever its roles, has set up no second
	 * factor yet
	 */
	public String memberWithoutSecondFactor(UUID schoolId, Role... roles) {
		String email = "test-" + UUID.randomUUID() + "@school.example";
		this.staff.createWithPasswordHash(
				new NewStaffAccount(schoolId, email, "Test " + roles[0].label(), "Tester", Set.of(roles)),
				this.staff.hashPassword(Visitor.DEMO_PASSWORD));
		return email;
	}

	/**
	 * @return a valid UPN no other test has used
	 */
	public static String uniqueUpn() {
		String body = String.format("888%09d", SERIAL.incrementAndGet());
		return Upn.checkLetter(body) + body;
	}

	/**
	 * Enrols a pupil with any flags, safeguarding ones included: as the office and the
	 * DSL together, since the office alone cannot set those.
	 */
	public UUID pupil(UUID schoolId, String forename, String surname, YearGroup year, String className,
			PupilFlag... flags) {
		return asOfficeAndDsl(() -> this.pupils.enrol(schoolId, new NewPupil(uniqueUpn(), forename, surname, null, null,
				LocalDate.of(2018, 3, 1), Gender.NOT_KNOWN, year, className, LocalDate.of(2022, 9, 5), Set.of(flags))));
	}

	/**
	 * @return the id of the category with this code ({@code neglect}, {@code self-harm})
	 */
	public UUID category(String code) {
		return this.categories.all()
			.stream()
			.filter((category) -> category.code().equals(code))
			.map(org.haven.school.Category::id)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No category " + code));
	}

	/**
	 * @return the signed-in person a member of staff becomes
	 */
	public org.haven.accounts.HavenUser user(String email) {
		return (org.haven.accounts.HavenUser) this.users.loadUserByUsername(email);
	}

	/**
	 * Runs as the person would in a request of theirs (their roles, their audit trail).
	 */
	public static <T> T as(org.haven.accounts.HavenUser user, java.util.function.Supplier<T> work) {
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	private static <T> T asOfficeAndDsl(java.util.function.Supplier<T> work) {
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext keeper = SecurityContextHolder.createEmptyContext();
		keeper.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("test-records", null,
				java.util.List.of(Role.ADMIN.authority(), Role.DSL.authority())));
		SecurityContextHolder.setContext(keeper);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	/**
	 * Runs as the school office would, for setting up data outside a request.
	 */
	public static <T> T asOffice(java.util.function.Supplier<T> work) {
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext office = SecurityContextHolder.createEmptyContext();
		office.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("test-office", null,
				java.util.List.of(Role.ADMIN.authority())));
		SecurityContextHolder.setContext(office);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

}
