package org.haven.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.haven.accounts.HavenUser;
import org.haven.accounts.StaffAccounts;
import org.haven.accounts.StaffMember;
import org.haven.allegations.AdultKind;
import org.haven.allegations.Allegations;
import org.haven.allegations.Classification;
import org.haven.allegations.NewAllegation;
import org.haven.system.HavenClock;
import org.haven.system.SchoolTime;

import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Oakfield's concerns about adults (issue 18): a closed, unfounded allegation about a
 * teaching assistant, and low-level concerns about the office administrator that make a
 * pattern for the headteacher to review. Nothing about the demo DSL, so that raising one
 * about her, and seeing that she is told nothing, can be tried by hand.
 */
final class DemoAllegations {

	private final Allegations allegations;

	private final StaffAccounts staff;

	private final UserDetailsService users;

	private final Clock clock;

	DemoAllegations(Allegations allegations, StaffAccounts staff, UserDetailsService users, Clock clock) {
		this.allegations = allegations;
		this.staff = staff;
		this.users = users;
		this.clock = clock;
	}

	/**
	 * @param child the Year 4 girl in the allegation about the teaching assistant: her
	 * chronology shows the DSL team that a concern about an adult was raised
	 */
	void seed(UUID schoolId, UUID child) {
		List<StaffMember> members = this.staff.activeMembers(schoolId);
		StaffMember assistant = first(members, "Teaching assistant");
		StaffMember office = first(members, "Office administrator");
		HavenUser head = person("dsl@oakfield.example");
		HavenUser teacher = person("teacher@oakfield.example");
		HavenUser cook = person(first(members, "Cook").email());
		HavenUser midday = person(first(members, "Midday supervisor").email());
		Instant now = this.clock.instant();

		Instant raised = now.minus(Duration.ofDays(150));
		UUID unfounded = at(raised, () -> this.allegations
			.raiseFromHistory(teacher, report(assistant, Classification.ALLEGATION, raised, """
					A Year 4 girl told me at the end of PE that the teaching assistant had grabbed her arm hard \
					when she ran off during the lesson. She said "he squeezed it and it hurt". I looked and \
					saw no mark.""", "TOLD", "The child herself, at 3.15pm by the classroom door", child))
			.id());
		step(unfounded, head, raised.plus(Duration.ofHours(3)), "lado-consulted", "Oakshire LADO (duty officer)", null,
				"Agreed the school investigates internally; no strategy discussion needed. Review with the "
						+ "LADO when the investigation ends.");
		step(unfounded, head, raised.plus(Duration.ofDays(1)), "adult-informed", "Helen Carter", "INFORMED",
				"Told him of the allegation in general terms, with his union representative present.");
		step(unfounded, head, raised.plus(Duration.ofDays(1)), "support-offered", null, null,
				"Employee assistance line, and a named colleague to talk to during the investigation.");
		step(unfounded, head, raised.plus(Duration.ofDays(21)), "outcome", null, "UNFOUNDED",
				"Two other adults in the PE lesson saw him take her hand to stop her running onto the car park; "
						+ "she agreed that was what happened. The LADO agreed the outcome.");

		// A false allegation, closed, for the headteacher to reduce to the minimum by
		// hand.
		StaffMember pe = first(members, "PE teacher");
		Instant told = now.minus(Duration.ofDays(300));
		UUID falseOne = at(told,
				() -> this.allegations.raiseFromHistory(midday, report(pe, Classification.ALLEGATION, told, """
						A parent told me at the gate that the PE teacher had sworn at her son and pushed him in the \
						changing room after the match.""", "TOLD", "A parent, at the gate at 3.20pm", null)).id());
		step(falseOne, head, told.plus(Duration.ofHours(2)), "lado-consulted", "Oakshire LADO (duty officer)", null,
				"Investigate internally; speak to the other children in the changing room.");
		step(falseOne, head, told.plus(Duration.ofDays(9)), "outcome", null, "FALSE",
				"The PE teacher was refereeing another match across the field at the time: two colleagues and "
						+ "the fixture sheet show it. The parent accepted this.");

		for (int months : new int[] { 8, 4, 1 }) {
			Instant when = now.minus(Duration.ofDays(30L * months));
			HavenUser reporter = (months == 4) ? midday : cook;
			UUID low = at(when, () -> this.allegations
				.raiseFromHistory(reporter,
						report(office, Classification.LOW_LEVEL, when, """
								Collected a child from the class on her own and kept him in the office for twenty \
								minutes with the door shut, chatting, with no reason given to the class teacher.""",
								"SAW", null, null))
				.id());
			if (months == 8) {
				step(low, head, when.plus(Duration.ofDays(2)), "low-level-reviewed", null, "ADDRESSED",
						"Spoke to her about the code of conduct: doors open, children collected only when the "
								+ "teacher asks.");
			}
		}
	}

	private void step(UUID id, HavenUser head, Instant when, String slug, String name, String choice, String text) {
		at(when, () -> {
			this.allegations.recordDemo(head, id, slug, when, name, choice, text);
			return null;
		});
	}

	private NewAllegation report(StaffMember about, Classification classification, Instant when, String account,
			String source, String toldBy, UUID child) {
		LocalDate day = when.atZone(SchoolTime.ZONE).toLocalDate();
		return new NewAllegation(UUID.randomUUID(), about.id(), null, AdultKind.STAFF, null, classification, day,
				account, source, toldBy, (child != null) ? List.of(child) : List.of(), null, "NO");
	}

	private HavenUser person(String email) {
		return (HavenUser) this.users.loadUserByUsername(email);
	}

	private static StaffMember first(List<StaffMember> members, String jobTitle) {
		return members.stream()
			.filter((member) -> jobTitle.equals(member.jobTitle()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No " + jobTitle + " in the demo school"));
	}

	private static <T> T at(Instant instant, Supplier<T> work) {
		return HavenClock.at(instant, work);
	}

}
