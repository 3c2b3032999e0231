/**
 * Validators for mail-authentication TXT record values (DKIM keys, SPF, DMARC).
 * Pure functions on the value (the record's character-strings unescaped and joined);
 * every span is an offset into that value. Used by the zone linter and the live DNS checks.
 */
export { parseDkimKeyRecord, keyMismatches, DKIM_KEY_TAGS, DKIM_KEY_TYPES, type DkimKeyRecord, type DkimSignatureContext } from './dkim';
export type { DkimKeyFormat } from './dkimKey';
export {
  parseSpfRecord, isSpfRecord, checkSpfRecordSet, SPF_LOOKUP_LIMIT, SPF_LENGTH_WARNING,
  SPF_LOOKUP_TERMS, SPF_MECHANISMS, SPF_MODIFIERS,
  type SpfRecord, type SpfTarget, type SpfTerm, type SpfQualifier, type SpfSetFinding,
} from './spf';
export {
  parseDmarcRecord, isDmarcRecord, checkDmarcRecordSet, DMARC_TAGS, DMARC_REMOVED_TAGS,
  type DmarcRecord, type DmarcUri, type DmarcPolicy, type DmarcAlignment,
} from './dmarc';
export { describeDkimTag, describeSpfTerm, describeDmarcTag } from './docs';
export { tokenizeTagList, splitTagValue, type Tag, type TagList, type ListItem } from './tags';
export { isIPv4, isIPv6 } from '../net/ip';
