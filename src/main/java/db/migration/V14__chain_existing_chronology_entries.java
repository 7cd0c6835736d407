package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.haven.chronology.EntryHash;

/**
 * Chains the chronology entries written before the chain existed, with the same canonical
 * form as every later entry ({@link EntryHash}): each child's entries in the order they
 * were recorded. The append-only trigger is set aside for this one migration, run by the
 * owner role, and restored before it ends; then every entry must have its place and hash.
 */
public class V14__chain_existing_chronology_entries extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (Statement statement = connection.createStatement()) {
			statement.execute("alter table chronology_entry disable trigger chronology_entry_append_only");
			statement.execute("""
					update chronology_entry e set category_ids = array(select cc.category_id from concern_category cc
					where cc.concern_id = e.concern_id order by cc.category_id) where e.concern_id is not null""");
			List<UUID> pupils = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery("select distinct pupil_id from chronology_entry")) {
				while (rows.next()) {
					pupils.add(rows.getObject(1, UUID.class));
				}
			}
			for (UUID pupil : pupils) {
				chain(connection, pupil);
			}
			statement.execute("alter table chronology_entry enable trigger chronology_entry_append_only");
			statement.execute("alter table chronology_entry alter column chain_position set not null, "
					+ "alter column hash set not null");
			statement.execute("alter table chronology_entry add constraint chronology_entry_chain_unique "
					+ "unique (pupil_id, chain_position)");
			statement.execute("alter table chronology_entry add constraint chronology_entry_hash_length "
					+ "check (length(hash) = 32 and (previous_hash is null) = (chain_position = 1))");
		}
	}

	/**
	 * Chains one child's entries in the order they were recorded.
	 */
	public static void chain(Connection connection, UUID pupil) throws SQLException {
		byte[] previous = null;
		long position = 0;
		try (PreparedStatement select = connection.prepareStatement("""
				select id, school_id, pupil_id, kind, occurred_at, recorded_at, recorded_by, summary, body, details,
				category_ids, restricted, concern_id, amends_id, related_id, action_id from chronology_entry
				where pupil_id = ? order by recorded_at, id""");
				PreparedStatement update = connection.prepareStatement(
						"update chronology_entry set chain_position = ?, previous_hash = ?, hash = ? where id = ?")) {
			select.setObject(1, pupil);
			try (ResultSet row = select.executeQuery()) {
				while (row.next()) {
					position++;
					UUID id = row.getObject("id", UUID.class);
					EntryHash.Fields fields = new EntryHash.Fields(id, row.getObject("school_id", UUID.class), pupil,
							position, row.getString("kind"), row.getTimestamp("occurred_at").toInstant(),
							row.getTimestamp("recorded_at").toInstant(), row.getObject("recorded_by", UUID.class),
							row.getString("summary"), row.getString("body"), row.getString("details"),
							Arrays.stream((Object[]) row.getArray("category_ids").getArray())
								.map(UUID.class::cast)
								.toList(),
							row.getBoolean("restricted"), row.getObject("concern_id", UUID.class),
							row.getObject("amends_id", UUID.class), row.getObject("related_id", UUID.class),
							row.getObject("action_id", UUID.class));
					byte[] hash = EntryHash.hash(previous, fields);
					update.setLong(1, position);
					update.setBytes(2, previous);
					update.setBytes(3, hash);
					update.setObject(4, id);
					update.executeUpdate();
					previous = hash;
				}
			}
		}
	}

}
