package org.haven.transfers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.haven.accounts.HavenUser;
import org.haven.documents.DocumentUnreadableException;
import org.haven.documents.SealedFiles;
import org.postgresql.PGStatement;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Offers to enrol the child a checked package is for, waiting for the DSL's answer. An
 * offer is made to the person who uploaded the package (no one else, not even their
 * school's DSL team), is held for {@link #HELD} at most and is taken once. It lives in
 * PostgreSQL, not in an instance's memory or on its disk, so a restart or the other
 * instance behind the load balancer answers it as well: the package's files, already
 * opened and checked against its manifest, are kept sealed with AES-256-GCM a segment per
 * row under Haven's document key, as documents are, and their SHA-256 checked again when
 * they are taken. The passphrase is not kept. Taking locks the offer's row and deletes it
 * in the caller's work's transaction, so two answers at once do the work once; declined,
 * withdrawn or expired, the offer and its files are deleted.
 */
@Component
class PendingEnrolments {

	private static final Log log = LogFactory.getLog(PendingEnrolments.class);

	static final Duration HELD = Duration.ofMinutes(30);

	static final String UNREADABLE = "The package’s files, kept while Haven waited for your answer, could not be"
			+ " read back exactly as they were checked. Nothing was stored: upload the package again.";

	private final JdbcTemplate jdbc;

	private final SealedFiles sealed;

	private final Clock clock;

	private final TransactionTemplate transaction;

	PendingEnrolments(JdbcTemplate jdbc, SealedFiles sealed, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.sealed = sealed;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Holds a checked package for this person's answer. The caller still closes the
	 * package: its files are copied, sealed, into the offer.
	 * @return the key that answers it
	 */
	UUID hold(HavenUser by, TransferReceiving.Opened opened) {
		UUID key = UUID.randomUUID();
		String keyId = this.sealed.currentKeyId();
		Instant now = this.clock.instant();
		this.transaction.executeWithoutResult((status) -> {
			this.jdbc.update("""
					insert into transfer_offer (id, school_id, offered_to, offered_at, expires_at, upn, package_sha256,
					manifest, key_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", key, by.schoolId(), by.id(),
					Timestamp.from(now), Timestamp.from(now.plus(HELD)), opened.upn(), opened.sha256(),
					opened.manifest(), keyId);
			int position = 0;
			for (TransferReceiving.Opened.File file : opened.files()) {
				try {
					seal(key, position++, file, keyId);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		});
		return key;
	}

	private void seal(UUID key, int position, TransferReceiving.Opened.File file, String keyId) throws IOException {
		SealedFiles.Sealing sealing = this.sealed.seal(keyId, fileKey(key, position), file.size());
		this.jdbc.update("""
				insert into transfer_offer_file (offer_id, position, file_name, chronology, description, document_date,
				size, sha256, nonce, segments) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", key, position, file.fileName(),
				file.chronology(), file.description(),
				(file.documentDate() != null) ? Date.valueOf(file.documentDate()) : null, file.size(), file.sha256(),
				sealing.nonce(), sealing.segments());
		try (InputStream in = Files.newInputStream(file.path())) {
			sealing.write(in,
					(segment, sealed, length) -> this.jdbc.update(
							"insert into transfer_offer_segment (offer_id, file, position, sealed) values (?, ?, ?, ?)",
							(PreparedStatement statement) -> {
								statement.setObject(1, key);
								statement.setInt(2, position);
								statement.setInt(3, segment);
								statement.setBinaryStream(4, new ByteArrayInputStream(sealed, 0, length), length);
							}));
		}
	}

	/**
	 * @return the offer under the key, if it was made to this person and is still held
	 * (its files are not read: it is for showing the question again)
	 */
	Optional<Offer> peek(HavenUser by, UUID key) {
		return this.jdbc
			.query("""
					select manifest, package_sha256, expires_at from transfer_offer
					where id = ? and offered_to = ? and school_id = ?""",
					(row, number) -> new Offer(
							TransferReceiving.described(row.getString(1), row.getBytes(2), null, List.of()),
							!row.getTimestamp(3).toInstant().isAfter(this.clock.instant())),
					key, by.id(), by.schoolId())
			.stream()
			.findFirst();
	}

	/**
	 * Takes the offer made to this person under the key, if it is still held: in one
	 * transaction, locks it (a second answer waits, then finds it gone), opens its files
	 * into a temporary folder, does the work with them and deletes the offer. If the work
	 * fails, nothing of it is stored and the offer stays as it was.
	 * @return what the work returned, or empty if there is no such offer for this person
	 * or it has expired
	 */
	<T> Optional<T> take(HavenUser by, UUID key, Function<TransferReceiving.Opened, T> work) {
		return this.transaction.execute((status) -> {
			record Held(String manifest, byte[] sha256, String keyId) {
			}
			Optional<Held> held = this.jdbc
				.query("""
						select manifest, package_sha256, key_id from transfer_offer
						where id = ? and offered_to = ? and school_id = ? and expires_at > ? for update""",
						(row, number) -> new Held(row.getString(1), row.getBytes(2), row.getString(3)), key, by.id(),
						by.schoolId(), Timestamp.from(this.clock.instant()))
				.stream()
				.findFirst();
			if (held.isEmpty()) {
				return Optional.empty();
			}
			Path folder;
			try {
				folder = Files.createTempDirectory("haven-offer-");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			try {
				List<TransferReceiving.Opened.File> files;
				try {
					files = open(key, folder, held.get().keyId());
				}
				catch (DocumentUnreadableException ex) {
					throw new PackageRefusedException(UNREADABLE, ex);
				}
				T done = work
					.apply(TransferReceiving.described(held.get().manifest(), held.get().sha256(), folder, files));
				this.jdbc.update("delete from transfer_offer where id = ?", key);
				return Optional.ofNullable(done);
			}
			finally {
				TransferReceiving.delete(folder);
			}
		});
	}

	private List<TransferReceiving.Opened.File> open(UUID key, Path folder, String keyId) {
		record Sealed(int position, String fileName, boolean chronology, String description,
				java.time.LocalDate documentDate, long size, String sha256, byte[] nonce, int segments) {
		}
		List<Sealed> sealed = this.jdbc.query("""
				select position, file_name, chronology, description, document_date, size, sha256, nonce, segments
				from transfer_offer_file where offer_id = ? order by position""",
				(row, number) -> new Sealed(row.getInt(1), row.getString(2), row.getBoolean(3), row.getString(4),
						(row.getDate(5) != null) ? row.getDate(5).toLocalDate() : null, row.getLong(6),
						row.getString(7), row.getBytes(8), row.getInt(9)),
				key);
		List<TransferReceiving.Opened.File> files = new ArrayList<>();
		for (Sealed file : sealed) {
			Path path = folder.resolve("file-" + file.position() + ".part");
			MessageDigest digest = TransferPackages.sha256();
			SealedFiles.Opening opening = this.sealed.open(keyId, file.nonce(), fileKey(key, file.position()),
					file.segments());
			try (OutputStream out = new DigestOutputStream(Files.newOutputStream(path), digest)) {
				this.jdbc.query((connection) -> {
					PreparedStatement statement = connection.prepareStatement(
							"select position, sealed from transfer_offer_segment where offer_id = ? and file = ?"
									+ " order by position");
					statement.setObject(1, key);
					statement.setInt(2, file.position());
					// One segment in memory at a time, sent as bytes rather than as hex.
					statement.setFetchSize(1);
					statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
					return statement;
				}, (ResultSet row) -> {
					try {
						opening.next(row.getInt(1), row.getBytes(2), out);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			if (opening.finish() != file.size() || !HexFormat.of().formatHex(digest.digest()).equals(file.sha256())) {
				throw new PackageRefusedException(UNREADABLE);
			}
			files.add(new TransferReceiving.Opened.File(path, file.fileName(), file.chronology(), file.description(),
					file.documentDate(), file.size(), file.sha256()));
		}
		return files;
	}

	/**
	 * Withdraws the offer made to this person under the key (declined, or answered with
	 * something Haven did not offer), deleting its files.
	 * @return whether there was such an offer to withdraw
	 */
	boolean withdraw(HavenUser by, UUID key) {
		return this.jdbc.update("delete from transfer_offer where id = ? and offered_to = ? and school_id = ?", key,
				by.id(), by.schoolId()) > 0;
	}

	/**
	 * Deletes the offers no one answered in time, with their files: on every instance,
	 * any of them doing it (an offer being answered at that moment is passed over).
	 */
	@Scheduled(fixedDelayString = "${haven.transfers.offer-sweep:PT5M}",
			initialDelayString = "${haven.transfers.offer-sweep:PT5M}")
	void sweep() {
		forgetExpired();
	}

	/**
	 * @return how many offers were deleted
	 */
	int forgetExpired() {
		int forgotten = this.jdbc.update("""
				delete from transfer_offer where id in (select id from transfer_offer where expires_at <= ?
				for update skip locked)""", Timestamp.from(this.clock.instant()));
		if (forgotten > 0) {
			log.info("Deleted " + forgotten + " enrolment offers no one answered within " + HELD.toMinutes()
					+ " minutes, with their files");
		}
		return forgotten;
	}

	/**
	 * Each file of an offer is sealed under a key of its own, so a segment moved from one
	 * file to another fails its tag.
	 */
	private static UUID fileKey(UUID offer, int position) {
		return new UUID(offer.getMostSignificantBits(), offer.getLeastSignificantBits() ^ position);
	}

	/**
	 * An offer as made: what the package says of the child, and whether it has expired.
	 */
	record Offer(TransferReceiving.Opened opened, boolean expired) {
	}

}
