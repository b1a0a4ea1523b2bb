/**
 * The public sources the manufacturer lists cite more than once, named once so that a source is
 * spelled the same on every entry. docs/reference-sources.md says what each gives.
 */

/** An attribution taken from common knowledge of the field, not re-read for this list. */
export const NOT_RECHECKED = 'widely cited in arms-tracing and collector literature; not re-checked for this list';

/** A code or maker that could not be checked against a public source while the list was written. */
export const NOT_CHECKED = 'not checked against a public source while this list was written; treat a match as a lead';

/** A producer listed by name only, for what analysts type; no code is claimed. */
export const NAME_ONLY = 'named producer, listed by name only; no headstamp code is claimed';

export const SAS_FOLLOWING_THE_THREAD =
  "Small Arms Survey (HSBA), 'Following the Thread: Arms and Ammunition Tracing in Sudan and South Sudan' (2014)";

export const BRITMILAMMO_CANADA =
  "British Military Ammunition (sites.google.com/site/britmilammo), 'Headstamp codes: Canada' (code, maker and years)";

export const DONTAI_2009 =
  "dontai.com, 'Modern Chinese History: Shell Casings from 6-4' (2009): Chinese 7.62x39 cases stamped '947 72' and '601 74'";

export const AR15_CHINA_CUTAWAYS = "AR15.com forum, '7.62x39 cutaways, People's Rep. China'";

export const HEADSTAMP_GUIDES =
  "headstamp guides (sc-ctsi.org, 'What does the headstamp on your ammunition need to match'; thefiringline.com '223/5.56 headstamp guide')";

export const IAA_FORUM = 'International Ammunition Association forum (forum.cartridgecollectors.org)';
