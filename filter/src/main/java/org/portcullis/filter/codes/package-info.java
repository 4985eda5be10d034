/**
 * The one store of one-time codes for every purpose ({@link org.portcullis.filter.codes.OneTimeCodes}):
 * 6 digits, HMAC-ed with a pepper, counted before compared, consumed atomically.
 *
 * <p><b>Internal</b>; features reach it through {@code Kernel.codes()}.
 */
package org.portcullis.filter.codes;
