export { compileSearch, compileTerms, type CompiledSearch, type MessageTest } from './matcher.ts';
export { parseSearch, ADDRESS_FIELDS, type AddressField, type SearchOptions, type SearchTerm } from './parse.ts';
export { SearchTextCache, type SearchText } from './text-cache.ts';
export { isTimeZone } from './values.ts';
