/** Query-string keys whose values are secrets. */
const secretKeys = /([?&;](?:password|passwd|pwd|pass|sslpassword|auth_?token|token|secret|api_?key)=)[^&\s'"`]*/gi;

/** A run of text with an `@` in it, up to whitespace, quotes or brackets. */
const wordWithAt = /[^\s'"`<>()[\]{},]*@[^\s'"`<>()[\]{},]*/g;

/** `scheme://user:...@` (or `scheme:user:...@`) across spaces, for passwords that hold one. */
const spacedPassword =
  /((?:\b[a-z][a-z0-9+.-]*:\/\/|\b(?:postgres|postgresql|mysql|mariadb|libsql|https?):)[^\s/:@'"`]+):[^@\n]*@/gi;

/**
 * The text with every password it may hold replaced by `***`: the password of anything that
 * looks like a URL (`scheme://user:pw@host`, `scheme:user:pw@host`, `user:pw@host`, a password
 * that holds `/`, `@` or spaces), and secret query parameters (`?password=`, `authToken=`).
 * Used on every line retort prints: it may hide a little more than the password, never less.
 *
 * @example
 * ```ts
 * redactSecrets("cannot reach postgres://app:s3cr@t@db/prod"); // "cannot reach postgres://app:***@db/prod"
 * ```
 */
export function redactSecrets(text: string): string {
  if (!text.includes("@") && !/[?&;]\w*(?:pass|token|secret|key)/i.test(text)) return text;
  return text
    .replace(secretKeys, "$1***")
    .replace(spacedPassword, "$1:***@")
    .replace(wordWithAt, maskUserinfo);
}

/** `...user:***@host...` for one word holding `@`, or the word when it holds no password. */
function maskUserinfo(word: string): string {
  const at = word.lastIndexOf("@");
  const userinfo = word.slice(0, at);
  if (userinfo.endsWith(":***")) return word;
  const scheme = userinfo.lastIndexOf("://");
  let start = scheme >= 0 ? scheme + 3 : 0;
  if (scheme < 0) {
    // `postgres:user:pw@host`: skip the scheme, unless what follows it holds no colon
    // (`user:pw@host`, where "user:" only looks like a scheme).
    const bare = /^[a-z][a-z0-9+.-]*:/i.exec(userinfo)?.[0].length ?? 0;
    if (bare > 0 && userinfo.indexOf(":", bare) >= 0) start = bare;
  }
  const colon = userinfo.indexOf(":", start);
  if (colon < 0) return word;
  return `${word.slice(0, colon + 1)}***${word.slice(at)}`;
}
