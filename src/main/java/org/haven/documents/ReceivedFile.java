package org.haven.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.haven.system.FileNames;

import org.springframework.web.multipart.MultipartFile;

/**
 * An uploaded file, copied a buffer at a time into a temporary file of its own (readable
 * by Haven's user alone) so that it can be checked and stored without ever being held in
 * memory; the temporary file is deleted when this is closed.
 *
 * @param path where the bytes are
 * @param fileName the file's name as the uploader had it, as a label only: no path, no
 * control characters, at most 200 characters
 * @param size how many bytes it holds
 */
record ReceivedFile(Path path, String fileName, long size) implements AutoCloseable {

	static ReceivedFile from(MultipartFile upload) throws IOException {
		Path temporary = Files.createTempFile("haven-upload-", ".part");
		try {
			upload.transferTo(temporary);
			return new ReceivedFile(temporary, label(upload.getOriginalFilename()), Files.size(temporary));
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
	}

	/**
	 * The name is only a label: the last part of any path, without control or
	 * direction-changing characters, at most 200 characters (keeping the extension).
	 */
	static String label(String original) {
		String name = (original != null) ? original : "";
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		name = name.replaceAll("[\\p{Cntrl}\\p{Cf}]", "").strip();
		while (name.startsWith(".")) {
			name = name.substring(1);
		}
		if (name.isEmpty()) {
			name = "document";
		}
		return FileNames.cut(name);
	}

	@Override
	public void close() {
		try {
			Files.deleteIfExists(this.path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
