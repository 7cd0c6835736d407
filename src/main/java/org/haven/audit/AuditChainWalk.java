package org.haven.audit;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Walks the whole audit chain from the first event, recomputing each hash, and holds it
 * against the chain's head and every signed checkpoint: reports the first place the chain
 * is broken, rewritten or cut short.
 */
@Component
class AuditChainWalk {

	private final JdbcClient jdbc;

	private final AuditCheckpoints checkpoints;

	AuditChainWalk(JdbcClient jdbc, AuditCheckpoints checkpoints) {
		this.jdbc = jdbc;
		this.checkpoints = checkpoints;
	}

	private record Finding(long position, String problem) {
	}

	AuditSeal.ChainCheck walk() {
		Map<Long, List<AuditCheckpoint>> signed = new HashMap<>();
		List<Finding> findings = new ArrayList<>();
		for (AuditCheckpoint checkpoint : this.checkpoints.all()) {
			if (this.checkpoints.signedByHaven(checkpoint)) {
				signed.computeIfAbsent(checkpoint.events(), (position) -> new ArrayList<>()).add(checkpoint);
			}
			else if (!this.checkpoints.keyHeld(checkpoint)) {
				// Haven may have been given a new key without keeping the old one as a
				// previous key: say so rather than cry forgery.
				findings.add(new Finding(checkpoint.events(),
						"the checkpoint of " + checkpoint.made() + " is signed with key "
								+ LogSafe.encode(checkpoint.keyId()) + ", which Haven does not hold (forged, or"
								+ " signed with a key no longer listed in HAVEN_PREVIOUS_DOCUMENT_KEYS)"));
			}
			else {
				findings.add(new Finding(checkpoint.events(), "the checkpoint of " + checkpoint.made()
						+ " is not signed with this Haven's key (it was forged or altered)"));
			}
		}
		boolean[] broken = { false };
		long[] checked = { 0, 0 };
		byte[][] previous = { null };
		this.jdbc.sql("""
				select s.position, s.previous_hash, s.hash, e.id, e.occurred_at, e.school_id, e.actor_id, e.action,
				e.target_type, e.target_id, e.details, e.client_address
				from audit_seal s left join audit_event e on e.id = s.event_id order by s.position""")
			.query((ResultSet row) -> {
				checked[0]++;
				long position = row.getLong("position");
				checked[1] = position;
				byte[] stored = row.getBytes("hash");
				for (AuditCheckpoint checkpoint : signed.getOrDefault(position, List.of())) {
					if (!Arrays.equals(checkpoint.hash(), stored)) {
						findings.add(new Finding(position, "it is not the event the signed checkpoint of "
								+ checkpoint.made() + " recorded there (the chain was rewritten from there)"));
					}
				}
				if (broken[0]) {
					return;
				}
				if (position != checked[0]) {
					broken[0] = true;
					findings.add(new Finding(checked[0], "event " + checked[0] + " is missing"));
					return;
				}
				if (row.getObject("id") == null) {
					broken[0] = true;
					findings.add(new Finding(position, "the event it seals was removed"));
					return;
				}
				if (!Arrays.equals(previous[0], row.getBytes("previous_hash"))) {
					broken[0] = true;
					findings.add(new Finding(position,
							"it does not follow the event before it (an event was changed or removed)"));
					return;
				}
				if (!Arrays.equals(AuditHash.hash(previous[0], AuditHash.Fields.read(position, row)), stored)) {
					broken[0] = true;
					findings.add(new Finding(position,
							"it no longer matches its seal (it was altered after it was written)"));
					return;
				}
				previous[0] = stored;
			});
		long last = checked[1];
		findings.addAll(cutShort(last, signed));
		if (findings.isEmpty()) {
			return new AuditSeal.ChainCheck(checked[0], 0, null);
		}
		Finding first = findings.stream().min(Comparator.comparingLong(Finding::position)).orElseThrow();
		return new AuditSeal.ChainCheck(checked[0], first.position(), first.problem());
	}

	/**
	 * Where the chain should reach: its head, and every signed checkpoint. Either beyond
	 * the chain's end means its newest events were removed.
	 */
	private List<Finding> cutShort(long last, Map<Long, List<AuditCheckpoint>> signed) {
		long head = this.jdbc.sql("select position from audit_head where chain = 'audit'")
			.query(Long.class)
			.optional()
			.orElse(0L);
		AuditCheckpoint furthest = signed.values()
			.stream()
			.flatMap(List::stream)
			.max(Comparator.comparingLong(AuditCheckpoint::events))
			.orElse(null);
		List<String> witnesses = new ArrayList<>();
		if (head > last) {
			witnesses.add("the chain's head names event " + head);
		}
		if (furthest != null && furthest.events() > last) {
			witnesses.add("the signed checkpoint of " + furthest.made() + " covered " + furthest.events() + " events");
		}
		if (witnesses.isEmpty()) {
			return List.of();
		}
		long first = last + 1;
		long end = Math.max(head, (furthest != null) ? furthest.events() : 0);
		return List.of(new Finding(first,
				((first == end) ? "event " + first + " is missing" : "events " + first + " to " + end + " are missing")
						+ " from the end of the chain: " + String.join(", and ", witnesses)));
	}

}
