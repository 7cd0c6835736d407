package org.haven.transfers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.chronology.Ties;
import org.haven.documents.Documents;
import org.haven.documents.SealedFiles;
import org.haven.pupils.Leaving;
import org.haven.pupils.PupilDirectory;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: a package for a child not on the school's roll is offered as a new enrolment:
 * the DSL sees who it is for, confirms, and the child is enrolled from the manifest and
 * the record received onto them in one transaction; declining stores nothing; a
 * confirmation Haven did not offer, or offered for another child, is refused.
 */
@HavenTest
class TransferEnrolmentTests {

	private static final String PASSPHRASE = "correct horse battery staple";

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Transfers transfers;

	@Autowired
	TransferPackages packages;

	@Autowired
	Documents documents;

	@Autowired
	PupilDirectory directory;

	@Autowired
	PendingEnrolments pending;

	@Autowired
	TransferReceiving receiving;

	@Autowired
	SealedFiles sealed;

	@Autowired
	Clock clock;

	@Autowired
	PlatformTransactionManager transactions;

	UUID school;

	HavenUser dsl;

	Visitor visitor;

	Visitor deputy;

	Path produced;

	UUID leaver;

	@BeforeEach
	void school() throws IOException {
		this.school = this.testSchools.school("Enrolling school");
		String email = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.dsl = this.testSchools.user(email);
		this.visitor = new Visitor(this.port).signedInAs(email);
		this.deputy = new Visitor(this.port)
			.signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL));
		// A real package from a real leaver, then made out for a child this Haven does
		// not
		// know (as a package from a school elsewhere is).
		UUID leaver = this.testSchools.pupil(this.school, "Lily", "Leaver", YearGroup.YEAR_4, "Ash");
		this.leaver = leaver;
		Path note = Files.writeString(Files.createTempFile("note", ".txt"), "Notes of a call with Mum");
		TestSchools.as(this.dsl, () -> {
			try {
				return this.documents.addFile(this.dsl, leaver, null,
						new Ties(Set.of(this.testSchools.category("neglect")), null, false), note, "call.txt",
						new Documents.About("Call", LocalDate.of(2026, 1, 12)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		Files.delete(note);
		TestSchools.as(this.dsl, () -> {
			this.directory.markLeft(this.school, leaver,
					new Leaving(LocalDate.now(), "Riverside Academy", "123456", "Pat Lead", "dsl@riverside.example"));
			return null;
		});
		Transfer transfer = TestSchools.as(this.dsl, () -> this.transfers.ofPupil(this.dsl, leaver)).get(0);
		TransferPackages.Contents contents = TestSchools.as(this.dsl,
				() -> this.packages.prepare(this.dsl, leaver, transfer.id(), true, null).orElseThrow());
		this.produced = Files.createTempFile("package", ".zip");
		try (OutputStream out = Files.newOutputStream(this.produced)) {
			this.packages.write(contents, PASSPHRASE.toCharArray(), out);
		}
	}

	@Test
	void aChildNotOnRollIsOfferedAsANewEnrolmentAndReceivedOntoThemOnConfirming() throws Exception {
		String upn = TestSchools.uniqueUpn();
		byte[] zip = packageFor(upn, "Nia", "Newcomer", "3");

		Document offer = upload(zip);
		assertThat(offer.select("h1").text()).isEqualTo("Enrol the pupil this package is for?");
		assertThat(offer.select("#offered").text()).contains("Nia Newcomer")
			.contains(upn)
			.contains("1 March 2018")
			.contains("Enrolling school");
		assertThat(offer.select("#yearGroup option[selected]").val()).as("the manifest's year group").isEqualTo("3");
		assertThat(pupilsWithUpn(upn)).as("nothing stored before the DSL answers").isZero();

		// No answer: asked again, beside the question and in the summary.
		HttpResponse<String> unanswered = this.visitor.post("/transfers/receive/enrol",
				Map.of("pending", offer.select("#pending").val(), "upn", upn, "yearGroup", "3"));
		Document again = Jsoup.parse(unanswered.body());
		assertThat(again.select("#decision-error").text()).contains("Select whether to enrol Nia Newcomer");
		assertThat(again.select(".govuk-error-summary a[href=#decision]")).hasSize(1);
		assertThat(pupilsWithUpn(upn)).isZero();

		// Someone else in the same team cannot answer the DSL's offer, nor learn it is
		// there.
		this.deputy.get("/transfers/receive");
		HttpResponse<String> notTheirs = this.deputy.post("/transfers/receive/enrol",
				Map.of("pending", offer.select("#pending").val(), "upn", upn, "yearGroup", "3", "decision", "yes"));
		assertThat(notTheirs.statusCode()).isEqualTo(404);
		assertThat(pupilsWithUpn(upn)).isZero();
		assertThat(offers(offer)).as("still the DSL's to answer").isOne();

		HttpResponse<String> confirmed = this.visitor.post("/transfers/receive/enrol",
				Map.of("pending", offer.select("#pending").val(), "upn", upn, "yearGroup", "3", "decision", "yes"));
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(302);
		assertThat(Visitor.location(confirmed)).contains("/transfers/received/");
		Map<String, Object> pupil = this.jdbc.queryForMap(
				"select id, legal_forename, legal_surname, date_of_birth, year_group, school_id from pupil where upn = ?",
				upn);
		assertThat(pupil.get("legal_forename")).isEqualTo("Nia");
		assertThat(pupil.get("legal_surname")).isEqualTo("Newcomer");
		assertThat(pupil.get("date_of_birth").toString()).isEqualTo("2018-03-01");
		assertThat(pupil.get("year_group")).isEqualTo("3");
		assertThat(pupil.get("school_id")).isEqualTo(this.school);
		assertThat(this.jdbc.queryForObject(
				"""
						select count(distinct de.document_id) from document_entry de join chronology_entry e on e.id = de.entry_id
						where e.pupil_id = ?""",
				Integer.class, pupil.get("id")))
			.as("the chronology PDF and the document, received onto the new pupil")
			.isEqualTo(2);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from chronology_entry where pupil_id = ? and kind = 'RECORD_RECEIVED'", Integer.class,
				pupil.get("id")))
			.isOne();
		assertThat(this.visitor.get(Visitor.location(confirmed)).body()).contains("Nia Newcomer");

		// The offer is taken once: answered, it is gone with its files.
		assertThat(offers(offer)).isZero();
		HttpResponse<String> twice = this.visitor.post("/transfers/receive/enrol",
				Map.of("pending", offer.select("#pending").val(), "upn", upn, "yearGroup", "3", "decision", "yes"));
		assertThat(twice.statusCode()).isEqualTo(404);
		assertThat(this.jdbc.queryForObject("select count(*) from transfer_received where pupil_id = ?", Integer.class,
				pupil.get("id")))
			.isEqualTo(1);
	}

	@Test
	void decliningTheEnrolmentStoresNothingAndDeletesTheOfferWithItsFiles() throws Exception {
		String upn = TestSchools.uniqueUpn();
		Document offer = upload(packageFor(upn, "Dan", "Declined", "5"));
		assertThat(offers(offer)).as("held while the DSL answers").isOne();
		assertThat(segments(offer)).as("its files with it").isPositive();
		HttpResponse<String> declined = this.visitor.post("/transfers/receive/enrol",
				Map.of("pending", offer.select("#pending").val(), "upn", upn, "yearGroup", "5", "decision", "no"));
		assertThat(declined.statusCode()).isEqualTo(302);
		assertThat(Visitor.location(declined)).endsWith("/transfers");
		assertThat(pupilsWithUpn(upn)).isZero();
		assertThat(offers(offer)).isZero();
		assertThat(segments(offer)).as("its files deleted").isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from transfer_received where school_id = ?", Integer.class,
				this.school))
			.isZero();
	}

	@Test
	void aForgedOrChangedConfirmationIsRefusedAndNothingStored() throws Exception {
		String upn = TestSchools.uniqueUpn();
		Document offer = upload(packageFor(upn, "Fay", "Forged", "2"));

		HttpResponse<String> forged = this.visitor.post("/transfers/receive/enrol",
				Map.of("pending", UUID.randomUUID().toString(), "upn", upn, "yearGroup", "2", "decision", "yes"));
		assertThat(forged.statusCode()).isEqualTo(404);
		HttpResponse<String> garbled = this.visitor.post("/transfers/receive/enrol",
				Map.of("pending", "not-a-key", "upn", upn, "yearGroup", "2", "decision", "yes"));
		assertThat(garbled.statusCode()).isEqualTo(404);
		assertThat(pupilsWithUpn(upn)).isZero();
		assertThat(offers(offer)).isOne();

		String other = TestSchools.uniqueUpn();
		Document changed = Jsoup.parse(
				this.visitor
					.post("/transfers/receive/enrol",
							Map.of("pending", offer.select("#pending").val(), "upn", other, "yearGroup", "2",
									"decision", "yes"))
					.body());
		assertThat(changed.select("#file-error").text()).contains("no longer open");
		assertThat(changed.select(".govuk-error-summary").text()).contains("no longer open");
		assertThat(pupilsWithUpn(upn)).isZero();
		assertThat(pupilsWithUpn(other)).isZero();
		// Changed, the offer is withdrawn: the genuine answer now needs a new upload.
		assertThat(offers(offer)).isZero();
		HttpResponse<String> after = this.visitor.post("/transfers/receive/enrol",
				Map.of("pending", offer.select("#pending").val(), "upn", upn, "yearGroup", "2", "decision", "yes"));
		assertThat(after.statusCode()).isEqualTo(404);
		assertThat(pupilsWithUpn(upn)).isZero();
	}

	/**
	 * The offer is in PostgreSQL, not in the instance that made it: a PendingEnrolments
	 * of its own (as a restarted instance, or the other one behind the load balancer,
	 * has) answers it, from what is in the database alone. The files are kept sealed, not
	 * on the disk of the instance that checked them.
	 */
	@Test
	void anotherInstanceAnswersTheOfferFromTheDatabaseAlone() throws Exception {
		String upn = TestSchools.uniqueUpn();
		Set<Path> before = openedFolders();
		Document offer = upload(packageFor(upn, "Ola", "Otherinstance", "4"));
		assertThat(openedFolders()).as("the opened package is not left on this instance's disk").isSubsetOf(before);
		assertThat(Arrays.stream(PendingEnrolments.class.getDeclaredFields())
			.filter((field) -> !java.lang.reflect.Modifier.isStatic(field.getModifiers()))
			.map(Field::getType)
			.filter((type) -> java.util.Collection.class.isAssignableFrom(type)
					|| java.util.Map.class.isAssignableFrom(type)))
			.as("nothing of an offer held in a Java field")
			.isEmpty();
		byte[] plain = "Notes of a call with Mum".getBytes(StandardCharsets.UTF_8);
		for (byte[] sealed : this.jdbc.queryForList("select sealed from transfer_offer_segment where offer_id = ?",
				byte[].class, key(offer))) {
			assertThat(indexOf(sealed, plain)).as("kept sealed").isNegative();
			assertThat(indexOf(sealed, "%PDF".getBytes(StandardCharsets.US_ASCII))).isNegative();
		}

		PendingEnrolments elsewhere = anotherInstance(this.clock);
		Optional<UUID> received = TestSchools.as(this.dsl, () -> elsewhere.take(this.dsl, key(offer),
				(held) -> this.receiving.storeAsNewPupil(this.dsl, held, YearGroup.YEAR_4).orElseThrow()));
		assertThat(received).isPresent();
		UUID pupil = this.jdbc.queryForObject("select id from pupil where upn = ? and school_id = ?", UUID.class, upn,
				this.school);
		assertThat(this.jdbc.queryForList("""
				select encode(d.sha256, 'hex') from document d join document_entry de on de.document_id = d.id
				join chronology_entry e on e.id = de.entry_id where e.pupil_id = ?""", String.class, pupil))
			.as("every file received byte for byte, as the manifest records it")
			.hasSize(2)
			.containsExactlyInAnyOrderElementsOf(manifestHashes(pupil));
		assertThat(offers(offer)).isZero();
		assertThat(this.visitor
			.post("/transfers/receive/enrol",
					Map.of("pending", key(offer).toString(), "upn", upn, "yearGroup", "4", "decision", "yes"))
			.statusCode()).as("answered on the other instance, gone on this one").isEqualTo(404);
	}

	@Test
	void anOfferExpiresAfterThirtyMinutesAndIsSweptAway() throws Exception {
		String upn = TestSchools.uniqueUpn();
		Document offer = upload(packageFor(upn, "Eve", "Expired", "1"));
		this.pending.forgetExpired();
		assertThat(offers(offer)).as("not yet expired").isOne();

		PendingEnrolments later = anotherInstance(Clock.offset(this.clock, Duration.ofMinutes(30).plusSeconds(1)));
		assertThat(later.peek(this.dsl, key(offer)).orElseThrow().expired()).isTrue();
		assertThat(TestSchools.as(this.dsl,
				() -> later.take(this.dsl, key(offer),
						(held) -> this.receiving.storeAsNewPupil(this.dsl, held, YearGroup.YEAR_1).orElseThrow())))
			.isEmpty();
		assertThat(pupilsWithUpn(upn)).isZero();
		assertThat(later.forgetExpired()).isPositive();
		assertThat(offers(offer)).isZero();
		assertThat(segments(offer)).isZero();
	}

	@Test
	void twoAnswersAtOnceEnrolTheChildOnce() throws Exception {
		String upn = TestSchools.uniqueUpn();
		Document offer = upload(packageFor(upn, "Cal", "Concurrent", "6"));
		CyclicBarrier together = new CyclicBarrier(2);
		ExecutorService two = Executors.newFixedThreadPool(2);
		try {
			List<Future<Optional<UUID>>> answers = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				PendingEnrolments instance = anotherInstance(this.clock);
				answers.add(two.submit(() -> {
					together.await(10, TimeUnit.SECONDS);
					return TestSchools.as(this.dsl, () -> instance.take(this.dsl, key(offer), (held) -> {
						try {
							// the other answer arrives while this one works
							Thread.sleep(300);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
						return this.receiving.storeAsNewPupil(this.dsl, held, YearGroup.YEAR_6).orElseThrow();
					}));
				}));
			}
			List<Optional<UUID>> results = new ArrayList<>();
			for (Future<Optional<UUID>> answer : answers) {
				results.add(answer.get(60, TimeUnit.SECONDS));
			}
			assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
		}
		finally {
			two.shutdownNow();
		}
		assertThat(pupilsWithUpn(upn)).isOne();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from transfer_received r join pupil p on p.id = r.pupil_id where p.upn = ?",
				Integer.class, upn))
			.isOne();
	}

	@Test
	void anOfferWhoseKeptFilesWereTamperedWithIsRefusedAndNothingStored() throws Exception {
		String upn = TestSchools.uniqueUpn();
		Document offer = upload(packageFor(upn, "Tam", "Tampered", "2"));
		assertThat(this.jdbc
			.update("delete from transfer_offer_segment where offer_id = ? and file = 0 and position = 0", key(offer)))
			.isOne();
		Document refused = Jsoup
			.parse(this.visitor
				.post("/transfers/receive/enrol",
						Map.of("pending", key(offer).toString(), "upn", upn, "yearGroup", "2", "decision", "yes"))
				.body());
		assertThat(refused.select("#file-error").text()).contains("could not be read back exactly");
		assertThat(pupilsWithUpn(upn)).isZero();
		assertThat(offers(offer)).isZero();
	}

	/**
	 * A UPN identifies the child nationally and each school keeps its own record: the
	 * school the child left keeps theirs, marked as left, and the next school on the same
	 * Haven enrols them under the same UPN and receives the file onto its own pupil,
	 * neither seeing the other's.
	 */
	@Test
	void aChildMovingBetweenTwoSchoolsOnThisHavenIsEnrolledAtTheNextWhileTheFirstKeepsItsRecord() throws Exception {
		String upn = this.jdbc.queryForObject("select upn from pupil where id = ?", String.class, this.leaver);
		Map<String, Object> before = this.jdbc.queryForMap(
				"select school_id, status, legal_forename, year_group, (select count(*) from chronology_entry e"
						+ " where e.pupil_id = p.id) as entries from pupil p where id = ?",
				this.leaver);
		UUID next = this.testSchools.school("Next school");
		Visitor nextDsl = new Visitor(this.port).signedInAs(this.testSchools.member(next, Role.STAFF, Role.DSL));
		nextDsl.get("/transfers/receive");
		HttpResponse<String> uploaded = nextDsl.upload("/transfers/receive",
				List.of(Map.entry("passphrase", PASSPHRASE)), "file", "package.zip", Files.readAllBytes(this.produced));
		Document offer = Jsoup.parse(uploaded.body());
		assertThat(offer.select("h1").text()).as(uploaded.body()).isEqualTo("Enrol the pupil this package is for?");
		assertThat(offer.select("#offered").text()).contains("Lily Leaver").contains(upn);

		HttpResponse<String> confirmed = nextDsl.post("/transfers/receive/enrol",
				Map.of("pending", key(offer).toString(), "upn", upn, "yearGroup", "5", "decision", "yes"));
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(302);
		UUID enrolled = this.jdbc.queryForObject("select id from pupil where upn = ? and school_id = ?", UUID.class,
				upn, next);
		assertThat(enrolled).isNotEqualTo(this.leaver);
		assertThat(pupilsWithUpn(upn)).as("one record at each school").isEqualTo(2);
		assertThat(this.jdbc.queryForObject(
				"""
						select count(distinct de.document_id) from document_entry de join chronology_entry e on e.id = de.entry_id
						where e.pupil_id = ?""",
				Integer.class, enrolled))
			.as("the chronology PDF and the document, on the next school's pupil")
			.isEqualTo(2);
		assertThat(this.jdbc.queryForObject("select school_id from transfer_received where pupil_id = ?", UUID.class,
				enrolled))
			.isEqualTo(next);
		assertThat(this.jdbc.queryForMap(
				"select school_id, status, legal_forename, year_group, (select count(*) from chronology_entry e"
						+ " where e.pupil_id = p.id) as entries from pupil p where id = ?",
				this.leaver))
			.as("the first school's record untouched")
			.isEqualTo(before);

		// Neither school sees the other's pupil.
		assertThat(nextDsl.get("/pupils/" + this.leaver).statusCode()).isEqualTo(404);
		assertThat(nextDsl.get("/pupils/" + this.leaver + "/chronology").statusCode()).isEqualTo(404);
		assertThat(this.visitor.get("/pupils/" + enrolled).statusCode()).isEqualTo(404);
		Document found = Jsoup.parse(nextDsl.get("/pupils?left=true&q=" + upn).body());
		assertThat(found.select("a[href^=/pupils/]").eachAttr("href")).contains("/pupils/" + enrolled)
			.noneMatch((href) -> href.contains(this.leaver.toString()));
		Document foundThere = Jsoup.parse(this.visitor.get("/pupils?left=true&q=" + upn).body());
		assertThat(foundThere.select("a[href^=/pupils/]").eachAttr("href")).contains("/pupils/" + this.leaver)
			.noneMatch((href) -> href.contains(enrolled.toString()));
	}

	private PendingEnrolments anotherInstance(Clock clock) {
		return new PendingEnrolments(this.jdbc, this.sealed, clock, this.transactions);
	}

	private static UUID key(Document offer) {
		return UUID.fromString(offer.select("#pending").val());
	}

	private int offers(Document offer) {
		return this.jdbc.queryForObject("select count(*) from transfer_offer where id = ?", Integer.class, key(offer));
	}

	private int segments(Document offer) {
		return this.jdbc.queryForObject("select count(*) from transfer_offer_segment where offer_id = ?", Integer.class,
				key(offer));
	}

	private List<String> manifestHashes(UUID pupil) {
		String manifest = this.jdbc.queryForObject("select manifest from transfer_received where pupil_id = ?",
				String.class, pupil);
		List<String> hashes = new ArrayList<>();
		TransferPackages.JSON.readTree(manifest)
			.path("files")
			.forEach((file) -> hashes.add(file.path("sha256").asString().toLowerCase(java.util.Locale.ROOT)));
		return hashes;
	}

	private static Set<Path> openedFolders() throws IOException {
		try (var listed = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return listed.filter((path) -> path.getFileName().toString().startsWith("haven-transfer-"))
				.collect(java.util.stream.Collectors.toSet());
		}
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private Document upload(byte[] zip) {
		this.visitor.get("/transfers/receive");
		HttpResponse<String> response = this.visitor.upload("/transfers/receive",
				List.of(Map.entry("passphrase", PASSPHRASE)), "file", "package.zip", zip);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Jsoup.parse(response.body());
	}

	private int pupilsWithUpn(String upn) {
		return this.jdbc.queryForObject("select count(*) from pupil where upn = ?", Integer.class, upn);
	}

	/**
	 * The package produced, its manifest made out for another child (its hash need not
	 * change: the manifest lists the other files, not itself).
	 */
	private byte[] packageFor(String upn, String forename, String surname, String yearGroup) throws IOException {
		Map<String, byte[]> files = TransferPackageTests.unzip(this.produced, PASSPHRASE);
		ObjectNode manifest = (ObjectNode) TransferPackages.JSON
			.readTree(new String(files.get("manifest.json"), StandardCharsets.UTF_8));
		ObjectNode child = (ObjectNode) manifest.get("pupil");
		child.put("upn", upn);
		child.put("legalForename", forename);
		child.put("legalSurname", surname);
		child.put("dateOfBirth", "2018-03-01");
		child.put("yearGroup", yearGroup);
		files.put("manifest.json", TransferPackages.JSON.writeValueAsBytes(manifest));
		Path zip = TransferPackageTests.zipOf(files, PASSPHRASE);
		try {
			return Files.readAllBytes(zip);
		}
		finally {
			Files.delete(zip);
		}
	}

}
