/**
 * The closed catalogue of ESP image issues. Codes are stable (tests and scripts match on them);
 * messages are templates filled from typed params, so every issue prints the same way.
 */
import { issueCatalogue } from '../issue-catalogue.js';

const CATALOGUE = issueCatalogue({
  // Container / header
  ESP_BAD_MAGIC: 'not an ESP image: first byte is {magic}, expected 0xe9 (or 0xea for an ESP8266 v2 image)',
  ESP_ENCRYPTED_IMAGE:
    'pre-encrypted image (esp_encrypted_img, {plaintext_size} bytes of plaintext): it cannot be verified without the decryption key',
  ESP_UNKNOWN_CHIP: 'image header names chip id {chip_id}, which is not a known ESP chip',
  ESP_BAD_HASH_FLAG: 'image header hash_appended byte is {value}; only 0 and 1 are valid',
  ESP_TRUNCATED: 'image is truncated: the {what} needs bytes up to offset {end} but the file has {size}',
  ESP_BAD_SEGMENT_COUNT: 'image header declares {count} segments; the bootloader accepts 1 to {max}',
  ESP_SEGMENT_PAST_END:
    'segment {index} ({length} bytes of data at offset {offset}) runs past the end of the file ({size} bytes): truncated file or corrupt length',
  ESP_BAD_SEGMENT_LENGTH: 'segment {index} has length {length}; it must be a multiple of 4 and below 16 MiB',
  ESP_SEGMENT_MMU_MISALIGNED:
    'segment {index} is flash-mapped at {load_addr} but its data sits at file offset {offset}; they must agree modulo the {page}-byte MMU page',
  ESP_CHECKSUM_MISMATCH: 'checksum byte is {stored} but the segment data gives {computed}',
  ESP_HASH_MISMATCH: 'appended SHA-256 {stored} does not match the image ({computed})',
  ESP_TRAILING_DATA: '{length} unexpected bytes after the image at offset {offset}',
  ESP_PADDING_NOT_ZERO: 'checksum padding at offset {offset} is not zero',
  ESP_NO_APPENDED_HASH: 'image has no appended SHA-256; the bootloader can only check the 8-bit checksum',
  ESP_CHIP_REV_RANGE_EMPTY: 'minimum chip revision {min} is above the maximum {max}: no chip can boot this image',
  // What the image is
  ESP_APP_DESC_MISSING: 'flash-mapped image without an esp_app_desc_t at offset 0x20: not an ESP-IDF app, no version to release',
  ESP_BOOTLOADER_NOT_OTA: 'this is a second-stage bootloader image, not an app: it cannot be shipped over OTA',
  ESP_V2_BAD_SECOND_HEADER: 'ESP8266 v2 image: expected the 0xe9 RAM-segment header at offset {offset}, found {magic}',
  ESP_V2_HEADER_MISMATCH: 'ESP8266 v2 image: the two headers disagree on {field} ({first} vs {second}); the second one is used',
  ESP_V2_CRC_MISMATCH: 'ESP8266 v2 image CRC is {stored} but the image gives {computed}',
  ESP_ESP8266_V1_RAM_ONLY:
    'ESP8266 v1 image: only RAM segments are inside; IROM code ships as a separate blob that this file cannot vouch for',
  // Secure Boot
  ESP_SB_BLOCK_CRC: 'Secure Boot v2 block {block}: CRC-32 is {stored} but the block gives {computed}',
  ESP_SB_BAD_BLOCK: 'Secure Boot v2 block {block} is malformed: {detail}',
  ESP_SB_DIGEST_MISMATCH: 'Secure Boot v2 block {block}: stored image digest does not match the signed region (0..{signed_length})',
  ESP_SB_SIGNATURE_INVALID: 'Secure Boot v2 block {block}: {scheme} signature does not verify with the key in the block',
  ESP_SB_KEY_NOT_TRUSTED: 'Secure Boot v2 block {block}: key digest {key_digest} is not one of the trusted keys',
  ESP_SB_NOT_SIGNED: 'trusted Secure Boot keys were given but the image has no Secure Boot v2 signature',
  ESP_SB_SECTOR_GARBAGE: 'Secure Boot v2 signature sector has unexpected bytes at offset {offset} (unused space must be 0xff)',
  ESP_SB_SCHEME_UNSUPPORTED: 'Secure Boot v2 block {block} uses {scheme}, which the {chip} bootloader cannot verify',
  ESP_SB_EXTRA_BLOCKS_IGNORED: '{chip} checks only Secure Boot v2 block 0; blocks after it are ignored on the device',
  ESP_SB_V1_UNSUPPORTED: 'image carries a Secure Boot v1 (legacy ESP32) signature, which otactl cannot verify',
});

export type EspIssueCode = (typeof CATALOGUE.codes)[number];

export const ESP_ISSUE_CODES = CATALOGUE.codes;

/** Params print as given: pass addresses through `hex`. */
export const espIssue = CATALOGUE.issue;

/** 0x-prefixed lowercase hex, the way esptool prints addresses and bytes. */
export function hex(n: number, width = 2): string {
  return '0x' + n.toString(16).padStart(width, '0');
}
