/**
 * The keys Haven seals data with at rest: documents, and each person's second-factor
 * secret. Depends on nothing else in Haven.
 */
@ApplicationModule(displayName = "Keys", allowedDependencies = {})
package org.haven.keys;

import org.springframework.modulith.ApplicationModule;
