package org.haven.documents;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Documents stored, and their bytes, for the operator's capacity planning: counts only,
 * never a name or a school.
 */
@Component
class DocumentMetrics implements MeterBinder {

	private final JdbcClient jdbc;

	DocumentMetrics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("haven.documents.stored", this, (self) -> self.read("select count(*) from document"))
			.description("Documents stored")
			.register(registry);
		Gauge
			.builder("haven.documents.stored.size", this,
					(self) -> self.read("select coalesce(sum(size_bytes), 0) from document"))
			.description("Bytes of the documents stored (before encryption)")
			.baseUnit("bytes")
			.register(registry);
	}

	private double read(String sql) {
		try {
			return this.jdbc.sql(sql).query(Long.class).single();
		}
		catch (DataAccessException ex) {
			return Double.NaN;
		}
	}

}
