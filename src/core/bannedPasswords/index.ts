export { lintBannedPasswordList, type BannedListLint, type BannedTerm, type TextEditFix } from './lint';
export { evaluatePassword, type EvaluatePasswordOptions, type PasswordEvaluation, type PasswordMatch, type PasswordMatchKind } from './evaluate';
export {
  CUSTOM_LIST_MAX_TERMS,
  TERM_MIN_LENGTH,
  TERM_MAX_LENGTH,
  MIN_PASSING_SCORE,
  SUBSTITUTIONS,
  normalizeTerm,
  withinEditDistanceOne,
} from './normalize';
export { passwordVerdict, describeVerdict, type PasswordVerdict } from './verdict';
