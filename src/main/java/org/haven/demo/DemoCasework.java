package org.haven.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import org.haven.accounts.HavenUser;
import org.haven.actions.ActionItem;
import org.haven.actions.FollowUpActions;
import org.haven.chronology.Chronology;
import org.haven.chronology.Detail;
import org.haven.chronology.EntryKind;
import org.haven.chronology.NewEntry;
import org.haven.concerns.BodyMark;
import org.haven.concerns.ConcernLog;
import org.haven.concerns.ConcernScreening;
import org.haven.concerns.NewConcern;
import org.haven.documents.Documents;
import org.haven.system.HavenClock;
import org.haven.system.SchoolTime;

/**
 * Two school years of Oakfield's safeguarding work, written through the same services as
 * everything else at the times it happened (DESIGN.md §7): about 300 concerns spread over
 * categories, year groups and staff, some urgent and some with body maps; their
 * screening, referrals, communications with parents, meetings and actions (some overdue);
 * a few children with long chronologies. The last few days' concerns still await the DSL
 * team. Everything comes from a fixed seed, so every run writes the same history.
 */
final class DemoCasework {

	/** Historic concerns, before the last few days. */
	static final int HISTORIC_CONCERNS = 294;

	/** Concerns in the last three days that still await screening. */
	static final int RECENT_CONCERNS = 6;

	/**
	 * What staff write for each kind of concern: the child's words, then what they saw.
	 */
	private static final Map<String, List<String[]>> TEXTS = Map.ofEntries(Map.entry("neglect", List.of(
			new String[] { "I didn't have breakfast. There wasn't any food.",
					"Came in hungry and in the same clothes as Monday; asked for toast twice at breakfast club." },
			new String[] { null,
					"Uniform unwashed and too small, shoes split at the sole. Hair not brushed for several days." },
			new String[] { "Mum was asleep so I walked on my own.",
					"Arrived alone at 9:40, said they had walked from home across the main road." })),
			Map.entry("physical-abuse", List.<String[]>of(new String[] { "Dad got cross and grabbed my arm.",
					"Bruising on the left forearm, about 3 cm, fingertip pattern. Child flinched when I reached for the register." },
					new String[] { "I fell off my bike.",
							"Several bruises of different colours on the upper back seen when changing for PE." })),
			Map.entry("emotional-abuse",
					List.<String[]>of(
							new String[] { "She says I'm stupid and she wishes I wasn't born.",
									"Very withdrawn all morning, cried when asked to take a letter home." },
							new String[] { null,
									"Heard the parent at the gate shouting at the child and calling them useless." })),
			Map.entry("domestic-abuse",
					List.<String[]>of(
							new String[] { "The police came to our house again last night. I hid under the bed.",
									"Tired and tearful; Operation Encompass notification received this morning." },
							new String[] { "Mummy had a cut on her face.",
									"Disclosed during circle time; very quiet afterwards." })),
			Map.entry("child-on-child",
					List.<String[]>of(new String[] { "They pushed me into the wall and took my coat.",
							"Incident on the field at lunchtime; one child pushed the other against the fence." },
							new String[] { "He keeps touching me when I say stop.",
									"Two children in the cloakroom; one upset and said the other would not stop." })),
			Map.entry("bullying",
					List.<String[]>of(new String[] { "They won't let me play and they call me names every day.",
							"Left out of games at break for the third week running; group chants a nickname." })),
			Map.entry("online-safety", List.of(
					new String[] { "Someone in a game asked me to send a picture.",
							"Child showed me messages from an adult in an online game asking to move to another app." },
					new String[] { null, "Group chat screenshots shared showing unkind comments about the child." })),
			Map.entry("self-harm",
					List.<String[]>of(new String[] { "I do it when I feel bad inside.",
							"Scratches on the left wrist noticed during art; child pulled sleeve down." })),
			Map.entry("mental-health",
					List.<String[]>of(
							new String[] { "I can't stop worrying that something bad will happen.",
									"Panicky before tests, short of breath, asked to go home twice this week." },
							new String[] { null, "Not eating lunch for a week; sits alone; said nothing matters." })),
			Map.entry("attendance",
					List.<String[]>of(
							new String[] { null, "Fourth unexplained absence this half term; phone calls unanswered." },
							new String[] { "We went to my nan's.",
									"Returned after eight days away; no reason given by home." })),
			Map.entry("young-carer",
					List.<String[]>of(new String[] { "I have to get my brothers ready because Mum is poorly.",
							"Late most days; often very tired; homework not done." })),
			Map.entry("send", List.<String[]>of(new String[] { null,
					"Meltdown at the change of classroom; parent says there is no support at home while waiting for assessment." })),
			Map.entry("allegation-against-staff",
					List.<String[]>of(new String[] { "The supply teacher squeezed my arm really hard.",
							"Child came to the office upset after the lesson and showed a red mark on the arm." })),
			Map.entry("other", List.<String[]>of(
					new String[] { null, "Parent disclosed at the gate that the family is being evicted." })));

	/** How often each kind of concern comes up, in tenths of a percent. */
	private static final Map<String, Integer> WEIGHTS = Map.ofEntries(Map.entry("neglect", 190),
			Map.entry("emotional-abuse", 90), Map.entry("physical-abuse", 70), Map.entry("domestic-abuse", 90),
			Map.entry("child-on-child", 80), Map.entry("bullying", 90), Map.entry("online-safety", 80),
			Map.entry("self-harm", 30), Map.entry("mental-health", 100), Map.entry("attendance", 90),
			Map.entry("young-carer", 30), Map.entry("send", 40), Map.entry("allegation-against-staff", 5),
			Map.entry("other", 15));

	private static final String[] LOCATIONS = { "Classroom", "Playground", "Breakfast club", "School gate",
			"Dining hall", "Field", "Corridor", "Cloakroom", "PE changing", "Library" };

	private final ConcernLog concerns;

	private final ConcernScreening screening;

	private final FollowUpActions actions;

	private final Chronology chronology;

	private final Clock clock;

	private final Documents documents;

	private final Random random;

	DemoCasework(ConcernLog concerns, ConcernScreening screening, FollowUpActions actions, Chronology chronology,
			Documents documents, Clock clock, long seed) {
		this.documents = documents;
		this.concerns = concerns;
		this.screening = screening;
		this.actions = actions;
		this.chronology = chronology;
		this.clock = clock;
		this.random = new Random(seed);
	}

	/**
	 * The people and children the history is about.
	 *
	 * @param schoolId the school
	 * @param staff those who log concerns
	 * @param dsl the DSL
	 * @param deputies the deputies
	 * @param pupils every pupil, by id
	 * @param categories category ids by code
	 */
	record Cast(UUID schoolId, List<HavenUser> staff, HavenUser dsl, List<HavenUser> deputies, List<UUID> pupils,
			Map<String, UUID> categories) {
	}

	/**
	 * The concerns of the past two school years, before the DSL team has its roles (so
	 * that history raises no alerts today).
	 * @return each concern, with when and about whom, for the casework that follows
	 */
	List<Logged> history(Cast cast) {
		List<UUID> focus = cast.pupils().subList(0, Math.min(4, cast.pupils().size()));
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, SchoolTime.ZONE);
		LocalDate start = LocalDate.of((today.getMonthValue() >= 9) ? today.getYear() - 1 : today.getYear() - 2, 9, 3);
		long days = Duration
			.between(start.atStartOfDay(SchoolTime.ZONE), today.minusDays(3).atStartOfDay(SchoolTime.ZONE))
			.toDays();
		List<Logged> logged = new ArrayList<>();
		for (int i = 0; i < HISTORIC_CONCERNS; i++) {
			LocalDate day = schoolDay(start.plusDays(this.random.nextInt((int) days)));
			Instant occurred = day.atTime(LocalTime.of(8, 30).plusMinutes(this.random.nextInt(420)))
				.atZone(SchoolTime.ZONE)
				.toInstant();
			// Most are recorded within the hour; a few the next day (late entries).
			Instant recorded = occurred.plus(Duration.ofMinutes(
					(this.random.nextInt(12) == 0) ? 1500 + this.random.nextInt(600) : 10 + this.random.nextInt(50)));
			logged.add(raise(cast, focus, occurred, recorded, false));
		}
		logged.sort((a, b) -> a.recordedAt().compareTo(b.recordedAt()));
		return logged;
	}

	/**
	 * The DSL team's work on the history: screening, referrals, communications, meetings,
	 * actions and closures, each at its time.
	 */
	void casework(Cast cast, List<Logged> history) {
		Instant now = this.clock.instant();
		for (Logged concern : history) {
			HavenUser screener = (this.random.nextInt(3) == 0 && !cast.deputies().isEmpty())
					? cast.deputies().get(this.random.nextInt(cast.deputies().size())) : cast.dsl();
			if (concern.restricted()) {
				screener = cast.dsl();
			}
			HavenUser by = screener;
			Instant screenedAt = concern.recordedAt().plus(Duration.ofMinutes(30 + this.random.nextInt(1500)));
			String decision = decision(concern);
			boolean referral = Set.of("CHILDRENS_SOCIAL_CARE", "POLICE", "LADO").contains(decision);
			Map<UUID, ConcernScreening.Contact> contacts = new HashMap<>();
			if (concern.pupils().size() > 1) {
				for (UUID pupil : concern.pupils()) {
					contacts.put(pupil,
							(this.random.nextInt(4) == 0)
									? new ConcernScreening.Contact("TO_CONTACT", "Parent works late; call after 5pm")
									: new ConcernScreening.Contact("CONTACTED",
											"Phoned a parent; they will talk to their child tonight"));
				}
			}
			at(screenedAt, () -> this.screening.screen(by, concern.id(),
					new ConcernScreening.Decision(risk(decision), decision, referral, rationale(decision),
							referral ? null : "Does not meet the threshold for a referral; monitoring in school",
							contacts)));
			// The screener rings the parents they could not reach at screening the next
			// day, except in the last fortnight.
			Instant calledBack = screenedAt.plus(Duration.ofHours(20));
			if (calledBack.isBefore(now.minus(Duration.ofDays(14)))) {
				for (ActionItem owed : this.actions.forConcern(by, concern.id())) {
					if (owed.open() && owed.ownerId().equals(by.id())) {
						at(calledBack, () -> this.actions.complete(by, owed.id(),
								"Spoke to the parent after 5pm; they will talk to their child."));
					}
				}
			}
			UUID pupil = concern.pupils().get(0);
			Set<UUID> categories = Set.of(concern.categoryId());
			if (referral || decision.equals("EARLY_HELP")) {
				Instant referredAt = screenedAt.plus(Duration.ofMinutes(40));
				UUID referralEntry = at(referredAt, () -> this.chronology.record(NewEntry
					.of(cast.schoolId(), pupil, EntryKind.REFERRAL, referredAt, by.id(), referralSummary(decision))
					.withBody("Referral made by phone and followed up with the online form.")
					.withDetails(List.of(new Detail("agency", "Referred to", agency(decision)),
							new Detail("reference", "Their reference",
									"REF-" + (100000 + this.random.nextInt(899999)))))
					.withCategories(categories)
					.withLinks(NewEntry.Links.concern(concern.id()))));
				Instant outcomeAt = referredAt.plus(Duration.ofDays(2 + this.random.nextInt(5)));
				if (outcomeAt.isBefore(now)) {
					at(outcomeAt,
							() -> this.chronology.record(NewEntry
								.of(cast.schoolId(), pupil, EntryKind.REFERRAL_OUTCOME, outcomeAt, by.id(),
										"Outcome of the referral to " + agency(decision))
								.withBody(outcome(decision))
								.withCategories(categories)
								.withLinks(new NewEntry.Links(concern.id(), null, referralEntry, null))));
				}
			}
			if (this.random.nextInt(10) < 4) {
				Instant calledAt = screenedAt.plus(Duration.ofMinutes(90));
				at(calledAt,
						() -> this.chronology.record(NewEntry
							.of(cast.schoolId(), pupil, EntryKind.COMMUNICATION, calledAt, by.id(),
									"Spoke to parent about the concern")
							.withBody("Parent was receptive and agreed to keep in touch with the class teacher.")
							.withDetails(List.of(new Detail("withWhom", "With", "Parent or carer"),
									new Detail("who", "Who", "Parent"), new Detail("channel", "Channel", "Phone"),
									new Detail("direction", "Direction", "From the school")))
							.withCategories(categories)
							.withLinks(NewEntry.Links.concern(concern.id()))));
			}
			if (this.random.nextInt(10) < 3) {
				HavenUser owner = concern.author();
				LocalDate due = LocalDate.ofInstant(screenedAt, SchoolTime.ZONE).plusDays(7 + this.random.nextInt(14));
				UUID action = at(screenedAt.plus(Duration.ofMinutes(5)), () -> this.actions.add(by, pupil, concern.id(),
						"Check in with the child each morning and note anything new", owner.id(), due));
				Instant doneAt = due.minusDays(this.random.nextInt(3))
					.atTime(15, 45)
					.atZone(SchoolTime.ZONE)
					.toInstant();
				// Most are done on time; a few recent ones are still open, some overdue.
				if (doneAt.isBefore(now.minus(Duration.ofDays(10)))
						|| this.random.nextInt(3) > 0 && doneAt.isBefore(now)) {
					at(doneAt, () -> this.actions.complete(owner, action,
							"Checked in every morning; the child seemed settled and nothing new was said."));
				}
			}
			Instant closeAt = screenedAt.plus(Duration.ofDays(20 + this.random.nextInt(40)));
			if (closeAt.isBefore(now.minus(Duration.ofDays(14)))) {
				at(closeAt, () -> this.screening.close(by, concern.id(), "No further concerns raised",
						"Monitoring complete; staff will log anything new"));
			}
		}
	}

	/**
	 * The long chronologies: the children with the most concerns also have their
	 * multi-agency meetings and regular contact with home.
	 */
	void longChronologies(Cast cast, List<Logged> history) {
		Instant now = this.clock.instant();
		List<UUID> focus = cast.pupils().subList(0, Math.min(4, cast.pupils().size()));
		for (UUID pupil : focus) {
			Set<UUID> categories = Set.of(cast.categories().get("neglect"));
			Instant first = history.stream()
				.filter((concern) -> concern.pupils().contains(pupil))
				.map(Logged::recordedAt)
				.findFirst()
				.orElse(now.minus(Duration.ofDays(400)));
			int meeting = 0;
			UUID lastMeeting = null;
			Instant lastMeetingAt = null;
			for (Instant at = first.plus(Duration.ofDays(10)); at
				.isBefore(now.minus(Duration.ofDays(2))); at = at.plus(Duration.ofDays(12 + this.random.nextInt(10)))) {
				Instant when = schoolDay(LocalDate.ofInstant(at, SchoolTime.ZONE))
					.atTime(LocalTime.of(9, 0).plusMinutes(this.random.nextInt(400)))
					.atZone(SchoolTime.ZONE)
					.toInstant();
				boolean isMeeting = meeting++ % 3 == 0;
				UUID entry = at(when, () -> this.chronology.record(isMeeting ? NewEntry
					.of(cast.schoolId(), pupil, EntryKind.MEETING, when, cast.dsl().id(), "Core group meeting")
					.withBody(
							"Plan reviewed. Attendance improving; home conditions discussed. Next meeting in four weeks.")
					.withDetails(List.of(new Detail("meetingType", "Meeting", "Core group"),
							new Detail("attendees", "Attendees",
									"DSL; social worker; health visitor; parent; class teacher")))
					.withCategories(categories)
						: NewEntry
							.of(cast.schoolId(), pupil, EntryKind.COMMUNICATION, when, cast.dsl().id(),
									"Update from the allocated social worker")
							.withBody(
									"Home visit completed; plan unchanged. School to keep monitoring attendance and presentation.")
							.withDetails(List.of(new Detail("withWhom", "With", "Agency or professional"),
									new Detail("who", "Who", "Allocated social worker, children's social care"),
									new Detail("channel", "Channel", "Email"),
									new Detail("direction", "Direction", "To the school")))
							.withCategories(categories)));
				if (isMeeting) {
					lastMeeting = entry;
					lastMeetingAt = when;
				}
			}
			if (lastMeeting != null) {
				typedNotes(cast, pupil, lastMeeting, lastMeetingAt);
			}
		}
	}

	/**
	 * The typed notes of a child's latest core group meeting, uploaded the next morning
	 * as a PDF belonging to the meeting.
	 */
	private void typedNotes(Cast cast, UUID pupil, UUID meeting, Instant held) {
		Instant nextMorning = held.plus(Duration.ofHours(20));
		Instant uploaded = nextMorning.isAfter(this.clock.instant()) ? this.clock.instant() : nextMorning;
		LocalDate day = LocalDate.ofInstant(held, SchoolTime.ZONE);
		try {
			Path notes = Files.createTempFile("haven-demo-notes", ".pdf");
			try {
				Files.write(notes, notesPdf(day));
				at(uploaded, () -> {
					try {
						return this.documents.addFile(cast.dsl(), pupil, meeting, null, notes,
								"Core group notes " + day + ".pdf",
								new Documents.About("Typed notes of the core group meeting", day));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			}
			finally {
				Files.deleteIfExists(notes);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] notesPdf(LocalDate day) throws IOException {
		try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDPage page = new PDPage();
			pdf.addPage(page);
			PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			try (PDPageContentStream text = new PDPageContentStream(pdf, page)) {
				text.beginText();
				text.setFont(font, 12);
				text.setLeading(18);
				text.newLineAtOffset(72, 720);
				for (String line : List.of("Core group meeting, " + day,
						"Present: DSL; allocated social worker; health visitor; parent; class teacher.",
						"Attendance: improving, 92% this half term.",
						"Home: conditions discussed; the family support plan continues.",
						"Agreed: breakfast club daily; weekly check-in with the class teacher.",
						"Next meeting: in four weeks.")) {
					text.showText(line);
					text.newLine();
				}
				text.endText();
			}
			pdf.save(out);
			return out.toByteArray();
		}
	}

	/**
	 * The last few days' concerns, raised now that the DSL team has its roles: they alert
	 * it and await screening.
	 */
	void recent(Cast cast) {
		Instant now = this.clock.instant();
		for (int i = 0; i < RECENT_CONCERNS; i++) {
			Instant occurred = now.minus(Duration.ofHours(2 + 11L * i + this.random.nextInt(5)));
			raise(cast, List.of(), occurred, occurred.plus(Duration.ofMinutes(20)), i == 1);
		}
	}

	/**
	 * A concern as logged, for the casework that follows.
	 */
	record Logged(UUID id, List<UUID> pupils, UUID categoryId, boolean restricted, Instant recordedAt, HavenUser author,
			String category) {
	}

	private Logged raise(Cast cast, List<UUID> focus, Instant occurred, Instant recorded, boolean urgentAnyway) {
		String category = category();
		Set<UUID> pupils = new LinkedHashSet<>();
		if (!focus.isEmpty() && this.random.nextInt(100) < 35) {
			pupils.add(focus.get(this.random.nextInt(focus.size())));
		}
		else {
			pupils.add(cast.pupils().get(this.random.nextInt(cast.pupils().size())));
		}
		if (category.equals("child-on-child")) {
			while (pupils.size() < 2) {
				pupils.add(cast.pupils().get(this.random.nextInt(cast.pupils().size())));
			}
		}
		List<String[]> texts = TEXTS.get(category);
		String[] text = texts.get(this.random.nextInt(texts.size()));
		HavenUser author = cast.staff().get(this.random.nextInt(cast.staff().size()));
		boolean urgent = urgentAnyway || this.random.nextInt(20) == 0;
		List<BodyMark> marks = category.equals("physical-abuse") ? List.of(text[1].contains("forearm")
				? new BodyMark("FRONT", new BigDecimal("80.0"), new BigDecimal("38.0"), "Left forearm",
						"Bruise, about 3 cm, fingertip pattern", pupils.iterator().next())
				: new BodyMark("BACK", new BigDecimal("50.0"), new BigDecimal("27.0"), "Upper back",
						"Several bruises, yellow and purple", pupils.iterator().next()))
				: List.of();
		UUID categoryId = cast.categories().get(category);
		ConcernLog.Logged logged = at(recorded,
				() -> this.concerns.raise(cast.schoolId(), author.id(),
						new NewConcern(UUID.randomUUID(), pupils, Set.of(categoryId), occurred,
								LOCATIONS[this.random.nextInt(LOCATIONS.length)], text[0], text[1], null,
								urgent ? "Told the DSL in person straight away" : null,
								urgent ? "Stayed with the child and called the DSL" : null, urgent, marks)));
		return new Logged(logged.concernId(), List.copyOf(pupils), categoryId,
				category.equals("allegation-against-staff"), recorded, author, category);
	}

	private String category() {
		int total = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
		int pick = this.random.nextInt(total);
		for (Map.Entry<String, Integer> weight : WEIGHTS.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.toList()) {
			pick -= weight.getValue();
			if (pick < 0) {
				return weight.getKey();
			}
		}
		return "other";
	}

	private String decision(Logged concern) {
		if (concern.restricted()) {
			return "LADO";
		}
		int pick = this.random.nextInt(100);
		if (Set.of("physical-abuse", "domestic-abuse").contains(concern.category()) && pick < 50) {
			return "CHILDRENS_SOCIAL_CARE";
		}
		return (pick < 45) ? "MONITOR" : (pick < 70) ? "NO_FURTHER_ACTION"
				: (pick < 88) ? "EARLY_HELP" : (pick < 97) ? "CHILDRENS_SOCIAL_CARE" : "POLICE";
	}

	private static String risk(String decision) {
		return switch (decision) {
			case "CHILDRENS_SOCIAL_CARE", "POLICE", "LADO" -> "HIGH";
			case "EARLY_HELP", "MONITOR" -> "MEDIUM";
			default -> "LOW";
		};
	}

	private static String rationale(String decision) {
		return switch (decision) {
			case "CHILDRENS_SOCIAL_CARE" ->
				"Disclosure and presentation indicate possible significant harm; referred to the MASH the same day.";
			case "POLICE" -> "A possible crime against the child; police informed as well as the MASH.";
			case "LADO" -> "Allegation meets the harm threshold; LADO consulted within one working day.";
			case "EARLY_HELP" -> "Needs are emerging; family agreed to early help support.";
			case "MONITOR" -> "Low level, but part of a pattern; staff asked to log anything further.";
			default -> "Explained by information from home; no further action needed.";
		};
	}

	private static String agency(String decision) {
		return switch (decision) {
			case "POLICE" -> "Police";
			case "LADO" -> "LADO";
			case "EARLY_HELP" -> "Early help";
			default -> "Children’s social care / MASH";
		};
	}

	private static String referralSummary(String decision) {
		return "Referral to " + agency(decision);
	}

	private String outcome(String decision) {
		return switch (decision) {
			case "EARLY_HELP" ->
				"Accepted: family support worker allocated; first team-around-the-family meeting booked.";
			case "LADO" -> "LADO: allegation unsubstantiated; advice given to the school on supply staff induction.";
			default ->
				(this.random.nextBoolean()) ? "Strategy discussion held; section 47 enquiry, child in need plan agreed."
						: "No further action by social care; stepped down to early help.";
		};
	}

	private static LocalDate schoolDay(LocalDate day) {
		LocalDate school = day;
		while (school.getDayOfWeek() == DayOfWeek.SATURDAY || school.getDayOfWeek() == DayOfWeek.SUNDAY
				|| (school.getMonthValue() == 8) || (school.getMonthValue() == 12 && school.getDayOfMonth() > 20)) {
			school = school.minusDays(3);
		}
		return school;
	}

	private static <T> T at(Instant instant, Supplier<T> work) {
		return HavenClock.at(instant, work);
	}

}
