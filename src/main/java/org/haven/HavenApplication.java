package org.haven;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Haven: safeguarding concern logging and case chronologies for schools.
 */
@SpringBootApplication
public class HavenApplication {

	public static void main(String[] args) {
		SpringApplication.run(HavenApplication.class, args);
	}

}
