package org.haven.pupils;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
class YearGroupConverter implements AttributeConverter<YearGroup, String> {

	@Override
	public String convertToDatabaseColumn(YearGroup year) {
		return (year != null) ? year.code() : null;
	}

	@Override
	public YearGroup convertToEntityAttribute(String code) {
		return (code != null) ? YearGroup.ofCode(code).orElseThrow() : null;
	}

}
