export const id = 688;
export const ids = [688];
export const modules = {

/***/ 4297:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PO: () => (/* binding */ listAliases),
/* harmony export */   Pg: () => (/* binding */ putKeyPolicy),
/* harmony export */   Rx: () => (/* binding */ describeKey),
/* harmony export */   kb: () => (/* binding */ getKeyPolicy),
/* harmony export */   wo: () => (/* reexport safe */ _kms_principal_js__WEBPACK_IMPORTED_MODULE_2__.wo)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9481);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9378);
/* harmony import */ var _kms_principal_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3671);
// KMS wrappers: one DescribeKey, one GetKeyPolicy and one ListAliases per unique key; PutKeyPolicy for fix: apply.




async function describeKey(kms, keyArn) {
    const out = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsCall */ .uF)('DescribeKey', keyArn, 'kms:DescribeKey', () => kms.send(new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_0__.DescribeKeyCommand({ KeyId: keyArn })));
    const m = out.KeyMetadata;
    const arn = m?.Arn ?? keyArn;
    return {
        arn,
        keyId: m?.KeyId ?? (0,_kms_principal_js__WEBPACK_IMPORTED_MODULE_2__/* .arnParts */ .wo)(arn).resource.replace(/^key\//, ''),
        accountId: m?.AWSAccountId ?? (0,_kms_principal_js__WEBPACK_IMPORTED_MODULE_2__/* .arnParts */ .wo)(arn).accountId,
        region: (0,_kms_principal_js__WEBPACK_IMPORTED_MODULE_2__/* .arnParts */ .wo)(arn).region,
        keyManager: m?.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER',
        keyState: m?.KeyState ?? 'Unknown',
        origin: m?.Origin,
        keySpec: m?.KeySpec,
        keyUsage: m?.KeyUsage,
        multiRegion: m?.MultiRegion,
        expirationModel: m?.ExpirationModel,
        validTo: m?.ValidTo?.toISOString(),
        aliases: []
    };
}
async function getKeyPolicy(kms, keyArn) {
    const out = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsCall */ .uF)('GetKeyPolicy', keyArn, 'kms:GetKeyPolicy', () => kms.send(new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_0__.GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' })));
    return out.Policy ?? '';
}
/** Never sets BypassPolicyLockoutSafetyCheck: KMS must keep refusing a policy that would lock the caller out. */
async function putKeyPolicy(kms, keyArn, policy) {
    await (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsCall */ .uF)('PutKeyPolicy', keyArn, 'kms:PutKeyPolicy', () => kms.send(new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_0__.PutKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default', Policy: policy })));
}
async function listAliases(kms, keyId) {
    const names = [];
    let marker;
    do {
        const out = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsCall */ .uF)('ListAliases', keyId, 'kms:ListAliases', () => kms.send(new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_0__.ListAliasesCommand({ KeyId: keyId, Marker: marker })));
        for (const a of out.Aliases ?? [])
            if (a.AliasName)
                names.push(a.AliasName);
        marker = out.Truncated ? out.NextMarker : undefined;
    } while (marker);
    return names;
}


/***/ }),

/***/ 3971:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  U5: () => (/* binding */ analyzeKeyAccess),
  Yh: () => (/* reexport */ kms_requests/* buildEc2GrantRequest */.Yh),
  oF: () => (/* binding */ combineWithIamSimulation),
  c4: () => (/* binding */ keyStatus)
});

// UNUSED EXPORTS: CREATE_GRANT, REQUESTS_PER_VOLUME, buildEc2DecryptRequests, buildStartRequests

// EXTERNAL MODULE: ./src/kms/policy.ts
var kms_policy = __webpack_require__(4695);
;// CONCATENATED MODULE: ./src/kms/environment.ts
/** A role ARN with any path; the last group is the role name (names are unique per account, whatever the path). */
const ROLE_ARN = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
function buildEnvironment(policy, request) {
    const context = new Map();
    for (const [key, value] of Object.entries(request.context)) {
        const values = Array.isArray(value) ? value.map(String) : [String(value)];
        context.set(key.toLowerCase(), values);
    }
    const matcher = (patterns) => {
        const lowered = (patterns ?? []).map(p => p.toLowerCase());
        return (key) => lowered.some(p => (p.endsWith('*') ? key.startsWith(p.slice(0, -1)) : key === p));
    };
    const isUnknown = matcher(request.unknownKeys);
    const isMaybe = matcher(request.maybeKeys);
    const partly = new Map(Object.entries(request.partlyKnown ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const roleMatch = ROLE_ARN.exec(request.principalArn);
    return {
        request,
        caller: {
            principalArn: request.principalArn,
            sessionArn: request.sessionArn,
            accountId: request.accountId,
            partition: request.principalArn.split(':')[1] ?? 'aws',
            roleName: roleMatch?.[3],
            pathUnknown: request.principalPathUnknown === true
        },
        variables: policy.version === '2012-10-17',
        lookup(key) {
            const lowered = key.toLowerCase();
            const values = context.get(lowered);
            // An empty multi-valued key carries nothing: AWS treats it as absent.
            if (values !== undefined)
                return values.length > 0 ? { state: 'present', values } : { state: 'absent' };
            const part = partly.get(lowered);
            if (part !== undefined)
                return { state: 'partlyKnown', value: part };
            if (isUnknown(lowered))
                return { state: 'unknownValue' };
            if (isMaybe(lowered))
                return { state: 'maybe' };
            return { state: 'absent' };
        }
    };
}

;// CONCATENATED MODULE: ./src/kms/operators.ts
// The condition operators this tool evaluates, by the names AWS spells, with their set (ForAnyValue/ForAllValues)
// and IfExists modifiers. A name not listed here is not guessed at: the condition is 'unknown'.
function ordered(family, prefix) {
    return {
        [`${prefix}Equals`]: { family, negated: false, comparison: 'eq' },
        [`${prefix}NotEquals`]: { family, negated: true, comparison: 'eq' },
        [`${prefix}LessThan`]: { family, negated: false, comparison: 'lt' },
        [`${prefix}LessThanEquals`]: { family, negated: false, comparison: 'lte' },
        [`${prefix}GreaterThan`]: { family, negated: false, comparison: 'gt' },
        [`${prefix}GreaterThanEquals`]: { family, negated: false, comparison: 'gte' }
    };
}
const BASE_OPERATORS = {
    StringEquals: { family: 'string', negated: false },
    StringNotEquals: { family: 'string', negated: true },
    StringEqualsIgnoreCase: { family: 'stringIgnoreCase', negated: false },
    StringNotEqualsIgnoreCase: { family: 'stringIgnoreCase', negated: true },
    StringLike: { family: 'stringLike', negated: false },
    StringNotLike: { family: 'stringLike', negated: true },
    Bool: { family: 'bool', negated: false },
    Null: { family: 'null', negated: false },
    // ArnEquals and ArnLike are the same operator in IAM: both take wildcards per ARN component.
    ArnEquals: { family: 'arn', negated: false },
    ArnLike: { family: 'arn', negated: false },
    ArnNotEquals: { family: 'arn', negated: true },
    ArnNotLike: { family: 'arn', negated: true },
    IpAddress: { family: 'ip', negated: false },
    NotIpAddress: { family: 'ip', negated: true },
    BinaryEquals: { family: 'binary', negated: false },
    ...ordered('numeric', 'Numeric'),
    ...ordered('date', 'Date')
};
/** Operator names are matched exactly as AWS spells them; anything else is an operator we do not know. */
function parseOperator(name) {
    let rest = name;
    let set;
    for (const prefix of ['ForAnyValue', 'ForAllValues']) {
        if (rest.startsWith(`${prefix}:`)) {
            set = prefix;
            rest = rest.slice(prefix.length + 1);
        }
    }
    const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists';
    if (ifExists)
        rest = rest.slice(0, -'IfExists'.length);
    const base = Object.hasOwn(BASE_OPERATORS, rest) ? BASE_OPERATORS[rest] : undefined;
    if (base === undefined)
        return undefined;
    if (base.family === 'null' && (ifExists || set !== undefined))
        return undefined;
    return { base, set, ifExists };
}

;// CONCATENATED MODULE: ./src/kms/tristate.ts
function and3(...values) {
    if (values.includes(false))
        return false;
    return values.includes('unknown') ? 'unknown' : true;
}
function or3(...values) {
    if (values.includes(true))
        return true;
    return values.includes('unknown') ? 'unknown' : false;
}
function not3(value) {
    return value === 'unknown' ? 'unknown' : !value;
}
/** Both branches of an uncertainty: known only when they agree. */
function either(a, b) {
    return a === b ? a : 'unknown';
}

;// CONCATENATED MODULE: ./src/kms/unknown-cause.ts
// Why a match is 'unknown'. Every matcher reports its causes in this one shape so the evaluator can name them per
// statement, and the analyzer can tell an unresolved value (offline) from something this tool does not model.
function unresolvedCause(value) {
    return { kind: 'unresolved', message: `the value "${value}" could not be resolved` };
}

;// CONCATENATED MODULE: ./src/kms/glob.ts
const ANY_RUN = '*?'; // `*`: any run of characters, empty included
const ANY_ONE = '??'; // `?`: exactly one character
/** Positions are UTF-16 code units, as in the RegExp (`.` without the `u` flag) this replaces: verdicts stay as they were. */
function atomsOf(tokens, ignoreCase) {
    const atoms = [];
    for (const token of tokens) {
        if (typeof token !== 'string') {
            atoms.push(token.wildcard === '*' ? ANY_RUN : ANY_ONE);
            continue;
        }
        const text = ignoreCase ? fold(token) : token;
        for (let i = 0; i < text.length; i++)
            atoms.push(text[i]);
    }
    return atoms;
}
/**
 * Case folding per UTF-16 unit, as a RegExp with the `i` flag and without `u` canonicalises (ECMA-262
 * Canonicalize): the unit's upper case when that is one unit, except that a non-ASCII unit never folds to ASCII.
 * The length never changes, so positions stay aligned.
 */
function fold(text) {
    let out = '';
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        const upper = c.toUpperCase();
        out += upper.length !== 1 || (c.charCodeAt(0) >= 128 && upper.charCodeAt(0) < 128) ? c : upper;
    }
    return out;
}
function matchAtoms(atoms, value) {
    let p = 0; // next atom
    let v = 0; // next character of the value
    let star = -1; // the atom index just after the last `*` seen
    let resume = 0; // where in the value that `*` resumes matching
    while (v < value.length) {
        const atom = atoms[p];
        if (atom === ANY_RUN) {
            star = ++p;
            resume = v;
        }
        else if (atom !== undefined && (atom === ANY_ONE || atom === value[v])) {
            p++;
            v++;
        }
        else if (star >= 0) {
            // The last `*` swallows one more character; everything after it is tried again from there.
            p = star;
            v = ++resume;
        }
        else
            return false;
    }
    while (atoms[p] === ANY_RUN)
        p++;
    return p === atoms.length;
}
/** Compiles tokens (text and wildcards) into a matcher of whole values. */
function globMatcher(tokens, ignoreCase) {
    const atoms = atomsOf(tokens, ignoreCase);
    return { test: value => matchAtoms(atoms, ignoreCase ? fold(value) : value) };
}

;// CONCATENATED MODULE: ./src/kms/policy-values.ts
// Policy values as tokens: literal text and wildcards, with ${...} policy variables substituted from the request.
// Text and wildcards stay apart so a wildcard that a variable's value happens to contain is never one.



/**
 * Where a Resource ARN's resource part starts: "You can't use a variable to replace parts of the ARN before the
 * fifth colon, such as the service or account" (IAM User Guide, policy variables). Not an ARN: from the start.
 */
function arnResourceOffset(raw) {
    let at = -1;
    for (let colons = 0; colons < 5; colons++) {
        at = raw.indexOf(':', at + 1);
        if (at < 0)
            return 0;
    }
    return at + 1;
}
const VARIABLE = /\$\{([^}]*)\}/g;
function resolveValue(raw, options) {
    if ((0,kms_policy/* isUnresolved */.U4)(raw))
        return { ok: false, cause: unresolvedCause(raw) };
    const tokens = [];
    const pushText = (text) => {
        if (!options.wildcards) {
            if (text !== '')
                tokens.push(text);
            return;
        }
        for (const part of text.split(/([*?])/)) {
            if (part === '*' || part === '?')
                tokens.push({ wildcard: part });
            else if (part !== '')
                tokens.push(part);
        }
    };
    if (options.env === undefined || !options.env.variables) {
        pushText(raw);
        return { ok: true, tokens };
    }
    let last = 0;
    for (const match of raw.matchAll(VARIABLE)) {
        if (match.index < (options.variablesFrom ?? 0))
            continue;
        pushText(raw.slice(last, match.index));
        last = match.index + match[0].length;
        const value = resolveVariable(match[1] ?? '', options.env);
        if (!value.ok)
            return value;
        if (value.text !== '')
            tokens.push(value.text);
    }
    pushText(raw.slice(last));
    return { ok: true, tokens };
}
function resolveVariable(inner, env) {
    // ${*}, ${?} and ${$} are how a policy writes those characters literally.
    if (inner === '*' || inner === '?' || inner === '$')
        return { ok: true, text: inner };
    const withDefault = /^\s*([^,\s]+)\s*,\s*'([^']*)'\s*$/.exec(inner);
    const key = (withDefault?.[1] ?? inner).trim();
    const fallback = withDefault?.[2];
    const found = env.lookup(key);
    if (found.state === 'present' && found.values.length === 1)
        return { ok: true, text: found.values[0] ?? '' };
    if (found.state === 'absent' && fallback !== undefined)
        return { ok: true, text: fallback };
    const why = found.state === 'present'
        ? 'is multi-valued'
        : found.state === 'absent'
            ? 'is not in the request'
            : 'has a value that is not known here';
    return { ok: false, cause: { kind: 'variable', message: `the policy variable \${${inner}} ${why}` } };
}
function tokensToText(tokens) {
    return tokens.map(t => (typeof t === 'string' ? t : t.wildcard)).join('');
}
/** A matcher of whole values for tokens with wildcards: linear time, no RegExp (see glob.ts). */
function tokensToMatcher(tokens, ignoreCase) {
    return globMatcher(tokens, ignoreCase);
}
/** The former name, kept for callers written against it: it returns a glob matcher, never a RegExp. */
const tokensToRegExp = (/* unused pure expression or super */ null && (tokensToMatcher));

;// CONCATENATED MODULE: ./src/kms/arn-pattern.ts
// ArnEquals / ArnLike: a pattern matches an ARN component by component, so it is split on colons first.

/**
 * ARNs match component by component (six colon-separated parts, the last may hold colons), so a wildcard never spans
 * a colon. A pattern of fewer parts is not an ARN pattern: only "*" alone is accepted as "any ARN".
 */
function arnTest(tokens) {
    if (tokens.length === 1 && typeof tokens[0] !== 'string' && tokens[0]?.wildcard === '*')
        return () => true;
    const components = splitTokens(tokens);
    if (components.length < 6)
        return undefined;
    const patterns = components.map(c => tokensToMatcher(c, false));
    return v => {
        const parts = splitArn(v);
        return parts.length === 6 && patterns.every((p, i) => p.test(parts[i] ?? ''));
    };
}
function splitArn(arn) {
    const parts = arn.split(':');
    return parts.length < 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(':')];
}
function splitTokens(tokens) {
    const components = [[]];
    for (const token of tokens) {
        if (typeof token !== 'string' || components.length === 6) {
            components[components.length - 1]?.push(token);
            continue;
        }
        const pieces = token.split(':');
        pieces.forEach((piece, i) => {
            if (i > 0 && components.length < 6)
                components.push([]);
            else if (i > 0)
                components[components.length - 1]?.push(':');
            if (piece !== '')
                components[components.length - 1]?.push(piece);
        });
    }
    return components;
}

// EXTERNAL MODULE: ./src/kms/ip.ts
var kms_ip = __webpack_require__(7948);
;// CONCATENATED MODULE: ./src/kms/condition-values.ts
// One policy value of a condition compiled into a test of one request value, per operator family. A policy value
// that cannot be read (malformed, unresolved) yields a test that is always 'unknown', whatever the request holds.



function compileTest(base, raw, condition, env, causes) {
    const wildcards = base.family === 'stringLike' || base.family === 'arn';
    const resolved = resolveValue(raw, { wildcards, env });
    const unknown = (cause) => {
        causes.push(cause);
        return () => 'unknown';
    };
    if (!resolved.ok)
        return unknown(resolved.cause);
    const malformed = (why) => unknown({ kind: 'value', message: `${condition.operator} on ${condition.key}: "${raw}" ${why}` });
    const text = tokensToText(resolved.tokens);
    switch (base.family) {
        case 'string':
            return v => v === text;
        case 'stringIgnoreCase':
            return v => v.toLowerCase() === text.toLowerCase();
        case 'stringLike': {
            const pattern = tokensToMatcher(resolved.tokens, false);
            return v => pattern.test(v);
        }
        case 'bool': {
            const wanted = text.toLowerCase();
            if (wanted !== 'true' && wanted !== 'false')
                return malformed('is not true or false');
            return v => v.toLowerCase() === wanted;
        }
        case 'arn':
            return arnTest(resolved.tokens) ?? malformed('is not an ARN pattern (six colon-separated parts)');
        case 'ip': {
            const range = (0,kms_ip/* parseCidr */.GN)(text);
            if (range === undefined)
                return malformed('is not an IP address or CIDR range');
            return v => {
                if (v === kms_ip/* AWS_INTERNAL */.KN)
                    return false;
                const ip = (0,kms_ip/* parseIp */.r5)(v);
                return ip !== undefined && (0,kms_ip/* cidrContains */.eX)(range, ip);
            };
        }
        case 'numeric': {
            const wanted = parseNumber(text);
            if (wanted === undefined)
                return malformed('is not a number');
            return v => compare(parseNumber(v), wanted, base.comparison ?? 'eq');
        }
        case 'date': {
            const wanted = parseDate(text);
            if (wanted === undefined)
                return malformed('is not a date');
            return v => compare(parseDate(v), wanted, base.comparison ?? 'eq');
        }
        case 'binary': {
            const wanted = decodeBase64(text);
            if (wanted === undefined)
                return malformed('is not base64');
            return v => {
                const got = decodeBase64(v);
                return got !== undefined && got.equals(wanted);
            };
        }
        case 'null':
            return malformed('Null is evaluated elsewhere');
    }
}
function compare(got, wanted, comparison) {
    if (got === undefined)
        return false;
    switch (comparison) {
        case 'eq':
            return got === wanted;
        case 'lt':
            return got < wanted;
        case 'lte':
            return got <= wanted;
        case 'gt':
            return got > wanted;
        case 'gte':
            return got >= wanted;
    }
}
function parseNumber(text) {
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim()) ? Number(text) : undefined;
}
/** ISO 8601 dates and times, or epoch seconds (what aws:EpochTime holds). */
function parseDate(text) {
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    if (!/^\d{4}-\d{2}-\d{2}/.test(text))
        return undefined;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
}
function decodeBase64(text) {
    if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text))
        return undefined;
    return Buffer.from(text, 'base64');
}

;// CONCATENATED MODULE: ./src/kms/conditions.ts





function evaluateCondition(condition, env, causes) {
    const { operator: name, key } = condition;
    for (const part of [name, key]) {
        if ((0,kms_policy/* isUnresolved */.U4)(part)) {
            causes.push(unresolvedCause(part));
            return 'unknown';
        }
    }
    const operator = parseOperator(name);
    if (operator === undefined) {
        causes.push({
            kind: 'operator',
            message: `the condition operator "${name}" is not one this tool evaluates`
        });
        return 'unknown';
    }
    if (condition.malformed !== undefined) {
        causes.push({ kind: 'value', message: `${name} on ${key}: ${condition.malformed}` });
        return 'unknown';
    }
    const found = env.lookup(key);
    const evaluateWith = (lookup) => operator.base.family === 'null'
        ? evaluateNull(condition, lookup, causes)
        : evaluateOperator(operator, condition, lookup, env, causes);
    if (found.state === 'partlyKnown')
        return evaluatePartlyKnown(condition, found.value, evaluateWith, causes);
    if (found.state !== 'maybe')
        return evaluateWith(found);
    const branchCauses = [];
    const evaluateBranch = (lookup) => {
        const saved = causes.length;
        const result = evaluateWith(lookup);
        branchCauses.push(...causes.splice(saved));
        return result;
    };
    const result = either(evaluateBranch({ state: 'absent' }), evaluateBranch({ state: 'unknownValue' }));
    if (result === 'unknown') {
        causes.push(...branchCauses.filter(c => c.kind !== 'context'));
        causes.push({
            kind: 'context',
            message: `${key} may or may not be in EC2's request, and its value is not known`
        });
    }
    return result;
}
/**
 * A value known up to one part: decided when every witness of the documented shape gives the same answer, unless
 * the policy names that part itself (then the real value might be the one named).
 */
function evaluatePartlyKnown(condition, value, evaluateWith, causes) {
    const unknown = () => {
        causes.push({
            kind: 'context',
            message: `${condition.key} depends on ${value.missing}, which is not known here`
        });
        return 'unknown';
    };
    if (condition.values.some(v => value.unlessPolicyNames.test(v)))
        return unknown();
    const saved = causes.length;
    const results = value.witnesses.map(w => evaluateWith({ state: 'present', values: [w] }));
    const first = results[0] ?? 'unknown';
    if (results.every(r => r === first) && first !== 'unknown') {
        causes.splice(saved);
        return first;
    }
    return unknown();
}
function evaluateNull(condition, lookup, causes) {
    const absent = lookup.state === 'absent';
    return or3(...condition.values.map((value) => {
        if ((0,kms_policy/* isUnresolved */.U4)(value)) {
            causes.push(unresolvedCause(value));
            return 'unknown';
        }
        const wanted = value.toLowerCase();
        if (wanted !== 'true' && wanted !== 'false') {
            causes.push({ kind: 'value', message: `Null on ${condition.key}: "${value}" is not true or false` });
            return 'unknown';
        }
        return (wanted === 'true') === absent;
    }));
}
function evaluateOperator(operator, condition, lookup, env, causes) {
    const { base, set, ifExists } = operator;
    if (lookup.state === 'absent') {
        if (ifExists)
            return true;
        if (set === 'ForAnyValue')
            return false;
        if (set === 'ForAllValues')
            return true;
        return base.negated;
    }
    // Compile the policy values first: a malformed or unresolvable one is 'unknown' whatever the request holds.
    const tests = condition.values.map(value => compileTest(base, value, condition, env, causes));
    if (lookup.state !== 'present') {
        causes.push({ kind: 'context', message: `the value of ${condition.key} in EC2's request is not known` });
        return 'unknown';
    }
    const matchesAny = (v) => or3(...tests.map(test => test(v)));
    const each = (v) => (base.negated ? not3(matchesAny(v)) : matchesAny(v));
    if (set === 'ForAnyValue')
        return or3(...lookup.values.map(each));
    if (set === 'ForAllValues')
        return and3(...lookup.values.map(each));
    // Without a set operator a multi-valued key matches when any of its values does.
    const positive = or3(...lookup.values.map(matchesAny));
    return base.negated ? not3(positive) : positive;
}

;// CONCATENATED MODULE: ./src/kms/principal-match.ts
// Principal and NotPrincipal of a key policy statement against the caller (key policy semantics, how-ec2-uses-kms.md 4.1).
// A match through an account principal is kept apart: in a key policy it delegates to IAM rather than allows.




const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_ROOT = /^arn:([^:]+):iam::(\d{12}):root$/;
const SESSION_ARN = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;
/** 'true' when the name is the caller's account principal; false when it is another account or not an account. */
function namesAccount(name, caller) {
    if (ACCOUNT_ID.test(name))
        return name === caller.accountId;
    const root = ACCOUNT_ROOT.exec(name);
    return root !== null && root[1] === caller.partition && root[2] === caller.accountId;
}
/** The caller's own ARN; when its path is not known, the same role name on any path in the same account. */
function namesCallerPrincipal(name, caller) {
    if (name === caller.principalArn)
        return true;
    if (!caller.pathUnknown || caller.roleName === undefined)
        return false;
    const role = ROLE_ARN.exec(name);
    return (role !== null &&
        role[1] === caller.partition &&
        role[2] === caller.accountId &&
        role[3] === caller.roleName);
}
/** A session ARN of the caller's role, while the caller's own session is not known (offline): it may be this one. */
function namesUnknownSessionOfCaller(name, caller) {
    if (caller.sessionArn !== undefined || caller.roleName === undefined)
        return false;
    const session = SESSION_ARN.exec(name);
    return session !== null && session[2] === caller.accountId && session[3] === caller.roleName;
}
function matchPrincipal(principal, caller, causes) {
    if (principal.kind === 'any')
        return { direct: true, account: false };
    const direct = [];
    const account = [];
    // Service, Federated and CanonicalUser principals never match an IAM role or user making the call.
    for (const name of principal.names.AWS ?? []) {
        if ((0,kms_policy/* isUnresolved */.U4)(name)) {
            causes.push(unresolvedCause(name));
            direct.push('unknown');
            account.push('unknown');
        }
        else if (name === '*' || name === caller.sessionArn || namesCallerPrincipal(name, caller)) {
            direct.push(true);
        }
        else if (namesAccount(name, caller)) {
            account.push(true);
        }
        else if (namesUnknownSessionOfCaller(name, caller)) {
            causes.push({
                kind: 'context',
                message: `it names the session ${name} and the caller's session is not known`
            });
            direct.push('unknown');
        }
    }
    return { direct: or3(...direct), account: or3(...account) };
}
/**
 * NotPrincipal. Our reading of how-ec2-uses-kms.md 4.1 and the IAM NotPrincipal page: AWS may evaluate the account, then the
 * role, then the session, and the Deny applies if any of them is not listed. So a role session is excepted from a
 * Deny only when the account, the role ARN AND the exact session ARN are all listed; an IAM user only when the
 * account and the user ARN are. With Allow the statement matches everyone not listed; listing any one of the
 * caller's identities (account, role, session, user) takes the caller out.
 */
function matchNotPrincipal(principal, effect, caller, causes) {
    const names = principal.kind === 'any' ? ['*'] : (principal.names.AWS ?? []);
    if (names.includes('*'))
        return { direct: false, account: false };
    const listed = (test) => or3(...names.map((name) => {
        if (!(0,kms_policy/* isUnresolved */.U4)(name))
            return test(name);
        causes.push(unresolvedCause(name));
        return 'unknown';
    }));
    const identities = [
        listed(name => namesAccount(name, caller)),
        listed(name => name === caller.principalArn)
    ];
    if (caller.sessionArn !== undefined) {
        identities.push(listed(name => name === caller.sessionArn));
    }
    else if (caller.roleName !== undefined) {
        const someSession = listed(name => namesUnknownSessionOfCaller(name, caller));
        if (someSession === true) {
            causes.push({
                kind: 'context',
                message: "NotPrincipal names a session of the caller's role; the session is not known"
            });
        }
        identities.push(someSession === false ? false : 'unknown');
    }
    const applies = effect === 'Deny' ? not3(and3(...identities)) : not3(or3(...identities));
    return { direct: applies, account: false };
}

;// CONCATENATED MODULE: ./src/kms/statement.ts
// One statement against the request: Principal/NotPrincipal, Action/NotAction, Resource/NotResource, Condition.
// Each element is three-valued, and the causes of an 'unknown' are kept only when they change the statement's match.




function evaluateStatement(statement, env) {
    const ref = { index: statement.index, sid: statement.sid, effect: statement.effect };
    if (statement.action === undefined && statement.notAction === undefined) {
        return noEffect(ref, 'it has no Action or NotAction, so it has no effect');
    }
    if (statement.resource === undefined && statement.notResource === undefined) {
        return noEffect(ref, 'it has no Resource or NotResource, so it has no effect');
    }
    const causes = [];
    const principal = statement.principal !== undefined
        ? matchPrincipal(statement.principal, env.caller, causes)
        : matchNotPrincipal(statement.notPrincipal ?? { kind: 'any' }, statement.effect, env.caller, causes);
    const action = statement.action !== undefined
        ? matchAny(statement.action, env.request.action, causes, { ignoreCase: true })
        : not3(matchAny(statement.notAction ?? [], env.request.action, causes, { ignoreCase: true }));
    const resourceOptions = { ignoreCase: false, env };
    const resource = statement.resource !== undefined
        ? matchAny(statement.resource, env.request.resourceArn, causes, resourceOptions)
        : not3(matchAny(statement.notResource ?? [], env.request.resourceArn, causes, resourceOptions));
    const principalApplies = or3(principal.direct, principal.account);
    // Conditions are evaluated only when everything else may match, so their unknowns are reported only when they count.
    const scope = and3(principalApplies, action, resource);
    const conditions = scope === false ? false : and3(...statement.conditions.map(c => evaluateCondition(c, env, causes)));
    const rest = and3(action, resource, conditions);
    // An account principal in an Allow only delegates to IAM; in a Deny it covers every IAM principal of that
    // account, as AWS evaluates it (and as S3 aligned to in 2023 "consistent with how similar policies are evaluated
    // across AWS").
    const denyCoversAccount = statement.effect === 'Deny' ? principal.account : false;
    const direct = and3(rest, or3(principal.direct, denyCoversAccount));
    const viaAccount = statement.effect === 'Allow' ? and3(rest, principal.account) : false;
    const match = or3(direct, viaAccount);
    const uncertain = [direct, viaAccount, match].includes('unknown');
    return { ref, direct, viaAccount, match, unknownBecause: uncertain ? dedupe(causes) : [] };
}
function noEffect(ref, why) {
    return { ref, direct: false, viaAccount: false, match: false, unknownBecause: [], noEffect: why };
}
function dedupe(causes) {
    return [...new Map(causes.map(c => [c.message, c])).values()];
}
/** Action / Resource style matching: any pattern matches the value. */
function matchAny(patterns, value, causes, options) {
    return or3(...patterns.map((pattern) => {
        const resolved = resolveValue(pattern, {
            wildcards: true,
            env: options.env,
            variablesFrom: options.env ? arnResourceOffset(pattern) : 0
        });
        if (!resolved.ok) {
            causes.push(resolved.cause);
            return 'unknown';
        }
        return tokensToMatcher(resolved.tokens, options.ignoreCase).test(value);
    }));
}

;// CONCATENATED MODULE: ./src/kms/evaluate.ts
// A generic, three-valued IAM-style evaluator of one request against one parsed key policy. Pure.
// Every statement match is true, false or 'unknown'; 'unknown' only ever comes from something we cannot know or do
// not model (an unresolved value, an unknown operator, a malformed value, a value absent from our request model).
// The decision is computed under the most permissive and the most restrictive resolution of every 'unknown': when
// both agree, that is the decision.
// This module combines the statement matches into a decision; the matching itself lives in statement.ts and the
// modules it uses.





function evaluatePolicy(policy, request) {
    const env = buildEnvironment(policy, request);
    const statements = policy.statements.map(statement => evaluateStatement(statement, env));
    const allowedBy = [];
    const deniedBy = [];
    const maybeAllowedBy = [];
    const maybeDeniedBy = [];
    const unknownBecause = [];
    for (const s of statements) {
        const isAllow = s.ref.effect === 'Allow';
        if (s.match === true) {
            if (isAllow)
                allowedBy.push({ ...s.ref, viaAccount: s.direct !== true });
            else
                deniedBy.push(s.ref);
        }
        else if (s.match === 'unknown') {
            ;
            (isAllow ? maybeAllowedBy : maybeDeniedBy).push(s.ref);
        }
        for (const cause of s.unknownBecause)
            unknownBecause.push(`${(0,kms_policy/* statementLabel */.OQ)(s.ref)}: ${cause.message}`);
    }
    const { permissive, restrictive } = outcomeRange(statements);
    const allows = (o) => o === 'allowDirect' || o === 'allowViaAccount';
    let decision;
    if (allows(permissive) && allows(restrictive))
        decision = 'allow';
    // Denied either way: a Deny we cannot evaluate does not change the result, only how it is named.
    else if (!allows(permissive) && !allows(restrictive))
        decision = deniedBy.length > 0 ? 'explicitDeny' : 'implicitDeny';
    else
        decision = 'unknown';
    return { decision, allowedBy, deniedBy, maybeAllowedBy, maybeDeniedBy, unknownBecause, statements };
}
/** The outcomes when every 'unknown' resolves in favour of the request, and when every one resolves against it. */
function outcomeRange(statements) {
    const under = (favour) => {
        const holds = (t, helps) => (t === 'unknown' ? favour === helps : t);
        const denies = statements.filter(s => s.ref.effect === 'Deny');
        const allows = statements.filter(s => s.ref.effect === 'Allow');
        if (denies.some(s => holds(s.match, false)))
            return 'explicitDeny';
        if (allows.some(s => holds(s.direct, true)))
            return 'allowDirect';
        if (allows.some(s => holds(s.viaAccount, true)))
            return 'allowViaAccount';
        return 'implicitDeny';
    };
    return { permissive: under(true), restrictive: under(false) };
}

;// CONCATENATED MODULE: ./src/kms/decrypt-judgement.ts
// EC2's own kms:Decrypt of a volume's data key (how-ec2-uses-kms.md 1.1 item 2): the grant allows it, so only a
// key-policy Deny can stop it. Judged once per documented form of its aws:PrincipalArn; when the forms give
// different answers, the outcome is not decidable and says so.


function judgeForm(policy, request) {
    const evaluation = evaluatePolicy(policy, request);
    const denies = evaluation.statements.filter(s => s.ref.effect === 'Deny');
    const certain = denies.find(s => s.match === true);
    if (certain !== undefined)
        return { state: 'denied', by: certain.ref };
    const maybe = denies.filter(s => s.match === 'unknown');
    if (maybe.length === 0)
        return { state: 'notDenied' };
    const causes = maybe.flatMap(s => s.unknownBecause.map(c => ({ ...c, ref: s.ref })));
    return {
        state: 'unknown',
        because: causes.map(c => `${(0,kms_policy/* statementLabel */.OQ)(c.ref)}: ${c.message}`),
        onlyUnresolved: causes.length > 0 && causes.every(c => c.kind === 'unresolved'),
        deciding: maybe[0]?.ref
    };
}
function judgeDecrypt(policy, decrypt) {
    const judged = decrypt.forms.map(f => ({ form: f.form, judgement: judgeForm(policy, f.request) }));
    const unknown = judged.find(j => j.judgement.state === 'unknown');
    if (unknown !== undefined)
        return unknown.judgement;
    const denied = judged.find(j => j.judgement.state === 'denied');
    if (denied === undefined)
        return { state: 'notDenied' };
    if (judged.every(j => j.judgement.state === 'denied'))
        return denied.judgement;
    return {
        state: 'formsDisagree',
        deniedIn: denied.form ?? 'role',
        by: denied.judgement.by
    };
}

// EXTERNAL MODULE: ./src/kms/requests.ts
var kms_requests = __webpack_require__(8787);
;// CONCATENATED MODULE: ./src/kms/amend-deny.ts
// Advice for a key-policy Deny that stops EC2's own Decrypt: the same statement, plus the exemption AWS's
// data-perimeter examples use for EC2's identity-only role (how-ec2-uses-kms.md 1.1 item 2). Never applied:
// a Deny is the policy owner's to edit, so this is shown, not written.



const EXEMPT_OPERATOR = 'ArnNotLikeIfExists';
const EXEMPT_KEY = 'aws:PrincipalArn';
/**
 * The statement with `ArnNotLikeIfExists aws:PrincipalArn` listing EC2's identity-only role in both documented
 * forms: the role ARN (what AWS's perimeter examples exempt) and the role ARN followed by the instance ID (how the
 * EBS guide writes it). Values already under that operator and key are kept, in order.
 */
function exemptEc2Infrastructure(statement, partition, accountId) {
    const role = (0,kms_requests/* ec2InfrastructureRole */.YM)(partition, accountId);
    const exemptions = [role, `${role}/*`];
    const copy = structuredClone(statement);
    const condition = isObject(copy.Condition) ? copy.Condition : {};
    const block = isObject(condition[EXEMPT_OPERATOR]) ? condition[EXEMPT_OPERATOR] : {};
    const existingKey = Object.keys(block).find(k => k.toLowerCase() === EXEMPT_KEY.toLowerCase()) ?? EXEMPT_KEY;
    const existing = block[existingKey];
    const values = existing === undefined ? [] : Array.isArray(existing) ? [...existing] : [existing];
    for (const value of exemptions)
        if (!values.includes(value))
            values.push(value);
    block[existingKey] = values;
    condition[EXEMPT_OPERATOR] = block;
    copy.Condition = condition;
    return copy;
}
/** The amended statement, when amending it is enough for EC2's Decrypt to pass that statement in both forms. */
function amendDeny(policy, deciding, decrypt, partition, accountId) {
    const statement = policy.statements.find(s => s.index === deciding.index);
    if (statement === undefined)
        return undefined;
    const after = exemptEc2Infrastructure(statement.raw, partition, accountId);
    const document = {
        ...(policy.version !== undefined ? { Version: policy.version } : {}),
        Statement: policy.statements.map(s => (s.index === deciding.index ? after : s.raw))
    };
    const amended = (0,kms_policy/* parseKeyPolicy */.LB)(document);
    if (!amended.ok)
        return undefined;
    // Checked, not assumed: the amended statement must no longer match EC2's Decrypt (another Deny may still).
    const judged = judgeDecrypt({ ...amended.policy, statements: amended.policy.statements.filter(s => s.index === deciding.index) }, decrypt);
    if (judged.state !== 'notDenied')
        return undefined;
    return { deciding, before: statement.raw, after };
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/kms/access.ts
// Can EC2 use this key when the caller starts an instance? Pure: key facts and policy text in, a verdict out.
// A start makes two KMS requests per encrypted volume (how-ec2-uses-kms.md 1.1): the caller's kms:CreateGrant in
// EC2's on-behalf context, which needs an Allow and no Deny, and EC2's own kms:Decrypt as the instance's
// identity-only role, which the grant allows and only a Deny can stop. The verdict combines both.






/** States in which KMS refuses EC2's CreateGrant or Decrypt (how-ec2-uses-kms.md 4.3). */
const BLOCKING_STATES = {
    Disabled: 'KMS refuses CreateGrant and Decrypt (DisabledException): enable the key',
    PendingDeletion: 'KMS refuses every cryptographic use: cancel the deletion and enable the key',
    PendingReplicaDeletion: 'KMS refuses every cryptographic use: cancel the replica deletion and enable it',
    PendingImport: 'it has no key material: import the key material again',
    Creating: 'the multi-Region replica is still being created: wait until it is Enabled',
    Unavailable: 'its custom key store is disconnected, so Decrypt fails: reconnect the key store'
};
function analyzeKeyAccess(input) {
    const { key, caller } = input;
    const now = input.now ?? new Date();
    const crossAccount = key.accountId !== caller.accountId;
    if (key.keyManager === 'AWS') {
        if (!crossAccount) {
            return {
                verdict: 'AWS_MANAGED',
                usable: true,
                reason: `${key.arn} is an AWS managed key: its policy lets every principal of the account use it through EBS`
            };
        }
        return {
            verdict: 'DENY_IMPLICIT',
            usable: false,
            reason: `${key.arn} is an AWS managed key of account ${key.accountId}: it cannot be used from account ${caller.accountId}`,
            missingPermission: kms_requests/* CREATE_GRANT */.kZ
        };
    }
    // Key state before readability: a disabled or deleted key fails whatever its policy says, and DescribeKey works
    // across accounts, so this is the one definite finding we can make about a foreign key.
    const state = keyStateProblem(key, now);
    if (state !== undefined)
        return { verdict: 'KEY_STATE', usable: false, reason: state };
    if (input.policy === undefined) {
        if (crossAccount) {
            return {
                verdict: 'CROSS_ACCOUNT_UNREADABLE',
                usable: false,
                reason: `${key.arn} belongs to account ${key.accountId}; kms:GetKeyPolicy does not work across accounts, so its ` +
                    `policy cannot be checked here. It must allow ${kms_requests/* CREATE_GRANT */.kZ} to ${caller.principalArn} or account ` +
                    `${caller.accountId}, and the caller's IAM policy must allow ${kms_requests/* CREATE_GRANT */.kZ} on the key ARN`
            };
        }
        return {
            verdict: 'CANNOT_EVALUATE',
            usable: false,
            reason: `the key policy of ${key.arn} could not be read`
        };
    }
    const parsed = (0,kms_policy/* parseKeyPolicy */.LB)(input.policy);
    if (!parsed.ok) {
        return {
            verdict: 'CANNOT_EVALUATE',
            usable: false,
            reason: `the key policy cannot be parsed: ${parsed.error}`
        };
    }
    return judgeStart(parsed.policy, input, now);
}
/** The number of KMS requests per encrypted volume the verdict weighs (how-ec2-uses-kms.md 1.1). */
const REQUESTS_PER_VOLUME = 2;
function judgeStart(policy, input, now) {
    const { key, caller } = input;
    const requestsFor = (assumeRootPath) => (0,kms_requests/* buildStartRequests */.r6)(caller, key.arn, input.region, input.volumeId, input.instanceId, {
        key,
        now,
        assumeRootPath
    });
    const [grant, decrypt] = requestsFor(false);
    const grantRequest = grant.forms[0]?.request;
    let grantVerdict = verdictFromEvaluation(evaluatePolicy(policy, grantRequest), key, caller);
    const assumptions = [];
    // A session ARN drops the role's path, and nearly every role is on "/": judge it there, and say so when it
    // changes the verdict (how-ec2-uses-kms.md 6).
    if (caller.pathUnknown === true) {
        const assumedRequest = requestsFor(true)[0]?.forms[0]?.request;
        const assumed = verdictFromEvaluation(evaluatePolicy(policy, assumedRequest), key, caller);
        if (assumed.verdict !== grantVerdict.verdict) {
            grantVerdict = assumed;
            assumptions.push(`the role's path is not known (a session ARN drops it), so aws:PrincipalArn was judged as ` +
                `${caller.principalArn}, on path "/"; to judge it on its real path, set principal-arn (or role-to-assume) ` +
                `to the role's full ARN, or allow the caller iam:GetRole`);
        }
    }
    const decryptJudgement = judgeDecrypt(policy, decrypt);
    const verdict = combine(grantVerdict, decryptJudgement, policy, decrypt, input);
    if (assumptions.length === 0)
        return verdict;
    // The assumption is part of the finding: every renderer shows the reason, so it is stated there too.
    return {
        ...verdict,
        assumptions,
        finding: verdict.finding ?? 'ROLE_PATH_ASSUMED',
        reason: `${verdict.reason} (assumed: ${assumptions.join('; ')})`
    };
}
function grantJudgement(verdict, caller) {
    const outcome = verdict.verdict === 'ALLOW'
        ? 'allowed'
        : verdict.verdict === 'ALLOW_IF_IAM'
            ? 'delegatedToIam'
            : verdict.verdict === 'DENY_EXPLICIT'
                ? 'denied'
                : verdict.verdict === 'DENY_IMPLICIT'
                    ? 'notAllowed'
                    : 'unknown';
    return {
        request: 'CreateGrant',
        principal: caller.sessionArn ?? caller.principalArn,
        needs: 'allow-and-no-deny',
        outcome,
        deciding: verdict.deciding
    };
}
function decryptJudgementRow(judgement, decrypt) {
    const request = decrypt.forms[0]?.request;
    return {
        request: 'Decrypt',
        principal: request?.sessionArn ?? request?.principalArn ?? kms_requests/* EC2_INFRASTRUCTURE */.xK,
        needs: 'no-deny',
        outcome: judgement.state === 'notDenied' ? 'notDenied' : judgement.state === 'denied' ? 'denied' : 'unknown',
        deciding: judgement.state === 'denied' || judgement.state === 'formsDisagree'
            ? judgement.by
            : judgement.state === 'unknown'
                ? judgement.deciding
                : undefined
    };
}
/** The start fails when either request fails; it is decided only when what decides it is known. */
function combine(grantVerdict, judgement, policy, decrypt, input) {
    const requests = [grantJudgement(grantVerdict, input.caller), decryptJudgementRow(judgement, decrypt)];
    const what = `EC2's own Decrypt of ${input.volumeId ?? "the volume's data key"} (as ${kms_requests/* EC2_INFRASTRUCTURE */.xK})`;
    // A denied CreateGrant fails the start whatever the Decrypt would do.
    if (grantVerdict.verdict === 'DENY_EXPLICIT') {
        return { ...grantVerdict, deniedRequest: 'CreateGrant', requests };
    }
    if (judgement.state === 'denied') {
        const partition = input.caller.partition ?? input.caller.principalArn.split(':')[1] ?? 'aws';
        const amended = amendDeny(policy, judgement.by, decrypt, partition, input.caller.accountId);
        const also = grantVerdict.verdict === 'DENY_IMPLICIT' ? `; also, ${grantVerdict.reason}` : '';
        return {
            verdict: 'DENY_EXPLICIT',
            usable: false,
            deciding: judgement.by,
            reason: `${what} is denied by ${(0,kms_policy/* statementLabel */.OQ)(judgement.by)}: the grant allows that Decrypt, but a Deny in the ` +
                `key policy still applies to it, so the instance stops${also}`,
            missingPermission: kms_requests/* DECRYPT */.Uy,
            deniedRequest: 'Decrypt',
            finding: 'EC2_DECRYPT_DENIED',
            requests,
            ...(amended !== undefined ? { amendedDeny: amended } : {})
        };
    }
    // A start that fails on CreateGrant fails whatever the Decrypt would do.
    if (grantVerdict.verdict === 'DENY_IMPLICIT')
        return { ...grantVerdict, deniedRequest: 'CreateGrant', requests };
    if (judgement.state === 'notDenied')
        return { ...grantVerdict, requests };
    if (judgement.state === 'formsDisagree') {
        return {
            verdict: 'CANNOT_EVALUATE',
            usable: false,
            deciding: judgement.by,
            reason: `whether ${what} is denied depends on the form of its aws:PrincipalArn, which AWS documents two ways: ` +
                `${(0,kms_policy/* statementLabel */.OQ)(judgement.by)} denies it only when aws:PrincipalArn is ` +
                (judgement.deniedIn === 'role'
                    ? `the role arn:…:role/${kms_requests/* EC2_INFRASTRUCTURE */.xK}`
                    : `the role ARN followed by the instance ID (arn:…:role/${kms_requests/* EC2_INFRASTRUCTURE */.xK}/i-…)`) +
                `; exempt both forms to make it decidable`,
            finding: 'PRINCIPAL_ARN_FORMS_DISAGREE',
            requests
        };
    }
    const first = judgement.because[0] ?? 'a Deny could not be evaluated';
    const more = judgement.because.length > 1 ? ` (and ${judgement.because.length - 1} more)` : '';
    const decryptUnknown = `whether ${what} is denied depends on what cannot be evaluated: ${first}${more}`;
    if (grantVerdict.verdict === 'CANNOT_EVALUATE' || grantVerdict.verdict === 'UNRESOLVED') {
        const verdict = judgement.onlyUnresolved ? grantVerdict.verdict : 'CANNOT_EVALUATE';
        return { ...grantVerdict, verdict, reason: `${grantVerdict.reason}; and ${decryptUnknown}`, requests };
    }
    // An allowed CreateGrant is not enough while a Deny of the Decrypt cannot be ruled out: never an all-clear.
    return {
        verdict: judgement.onlyUnresolved ? 'UNRESOLVED' : 'CANNOT_EVALUATE',
        usable: false,
        deciding: judgement.deciding,
        reason: decryptUnknown,
        requests
    };
}
function keyStateProblem(key, now) {
    const blocking = BLOCKING_STATES[key.keyState];
    if (blocking !== undefined)
        return `the key is ${key.keyState}: ${blocking}`;
    if (key.expirationModel === 'KEY_MATERIAL_EXPIRES' && key.validTo !== undefined) {
        const expires = Date.parse(key.validTo);
        if (!Number.isNaN(expires) && expires <= now.getTime()) {
            return `the key's imported material expired at ${key.validTo}: import the key material again`;
        }
    }
    if (key.keySpec !== undefined && key.keySpec !== 'SYMMETRIC_DEFAULT') {
        return `the key spec is ${key.keySpec}: EBS supports only symmetric keys (SYMMETRIC_DEFAULT)`;
    }
    if (key.keyUsage !== undefined && key.keyUsage !== 'ENCRYPT_DECRYPT') {
        return `the key usage is ${key.keyUsage}: EBS supports only symmetric keys used for ENCRYPT_DECRYPT`;
    }
    return undefined;
}
function verdictFromEvaluation(evaluation, key, caller) {
    const crossAccount = key.accountId !== caller.accountId;
    // Across accounts even a statement naming the role is only the key-policy half: IAM in the caller's account
    // must allow too (how-ec2-uses-kms.md 4.2).
    const classify = (outcome) => outcome === 'explicitDeny' || outcome === 'implicitDeny'
        ? 'deny'
        : crossAccount && outcome === 'allowDirect'
            ? 'allowViaAccount'
            : outcome;
    const range = outcomeRange(evaluation.statements);
    const permissive = classify(range.permissive);
    const restrictive = classify(range.restrictive);
    const who = caller.principalArn;
    if (permissive !== restrictive)
        return undecided(evaluation);
    if (permissive === 'deny') {
        const deny = evaluation.deniedBy[0];
        if (deny !== undefined) {
            return {
                verdict: 'DENY_EXPLICIT',
                usable: false,
                deciding: deny,
                reason: `${(0,kms_policy/* statementLabel */.OQ)(deny)} denies ${kms_requests/* CREATE_GRANT */.kZ} to ${who} in EC2's context: the start fails whatever IAM allows`,
                missingPermission: kms_requests/* CREATE_GRANT */.kZ
            };
        }
        const maybe = evaluation.maybeDeniedBy.length > 0
            ? ` (a Deny could not be evaluated: ${evaluation.unknownBecause[0] ?? 'unknown'})`
            : '';
        return {
            verdict: 'DENY_IMPLICIT',
            usable: false,
            reason: `no statement allows ${kms_requests/* CREATE_GRANT */.kZ} to ${who} or its account in EC2's context, so IAM policies cannot ` +
                `help${maybe}`,
            missingPermission: kms_requests/* CREATE_GRANT */.kZ
        };
    }
    const direct = evaluation.allowedBy.find(a => !a.viaAccount);
    const deciding = stripViaAccount(direct ?? evaluation.allowedBy[0]);
    if (permissive === 'allowDirect') {
        return {
            verdict: 'ALLOW',
            usable: true,
            deciding,
            reason: `${label(deciding)} allows ${kms_requests/* CREATE_GRANT */.kZ} to ${who} in EC2's context`
        };
    }
    const reason = crossAccount
        ? `the key belongs to account ${key.accountId} and ${label(deciding)} allows ${kms_requests/* CREATE_GRANT */.kZ} to account ` +
            `${caller.accountId} or its role: the caller's IAM policy must also allow ${kms_requests/* CREATE_GRANT */.kZ} on ${key.arn}`
        : `only an account principal allows ${kms_requests/* CREATE_GRANT */.kZ}: the caller's IAM policy must allow it (${label(deciding)})`;
    return { verdict: 'ALLOW_IF_IAM', usable: false, deciding, reason };
}
function undecided(evaluation) {
    const uncertain = evaluation.statements.filter(s => s.unknownBecause.length > 0);
    const causes = uncertain.flatMap(s => s.unknownBecause);
    const onlyUnresolved = causes.length > 0 && causes.every(c => c.kind === 'unresolved');
    const first = evaluation.unknownBecause[0] ?? 'a statement could not be evaluated';
    const more = evaluation.unknownBecause.length > 1 ? ` (and ${evaluation.unknownBecause.length - 1} more)` : '';
    return {
        verdict: onlyUnresolved ? 'UNRESOLVED' : 'CANNOT_EVALUATE',
        usable: false,
        deciding: uncertain[0]?.ref,
        reason: `the outcome depends on what cannot be evaluated: ${first}${more}`
    };
}
function stripViaAccount(ref) {
    return ref === undefined ? undefined : { index: ref.index, sid: ref.sid, effect: ref.effect };
}
function label(ref) {
    return ref === undefined ? 'a statement' : (0,kms_policy/* statementLabel */.OQ)(ref);
}
/** The run's status for a verdict that needs no IAM simulation. */
function keyStatus(verdict) {
    switch (verdict.verdict) {
        case 'ALLOW':
        case 'AWS_MANAGED':
            return 'ok';
        case 'DENY_EXPLICIT':
        case 'DENY_IMPLICIT':
        case 'KEY_STATE':
            return 'misconfigured';
        case 'ALLOW_IF_IAM':
        case 'CROSS_ACCOUNT_UNREADABLE':
        case 'CANNOT_EVALUATE':
        case 'UNRESOLVED':
            return 'unverified';
    }
}
/**
 * Adds the identity-policy half (iam:SimulatePrincipalPolicy for kms:CreateGrant in EC2's context). It decides
 * ALLOW_IF_IAM; an explicit IAM deny also breaks a key-policy ALLOW or an AWS managed key (how-ec2-uses-kms.md 3.3, 4.1).
 * The verdict keeps naming the key-policy side; status and reason carry the combination.
 */
function combineWithIamSimulation(verdict, iam) {
    const keyPolicyAllows = verdict.verdict === 'ALLOW' || verdict.verdict === 'AWS_MANAGED';
    if (iam === 'explicitDeny' && (keyPolicyAllows || verdict.verdict === 'ALLOW_IF_IAM')) {
        return {
            status: 'misconfigured',
            verdict: {
                ...verdict,
                usable: false,
                reason: `${verdict.reason}; but the caller's IAM policies explicitly deny ${kms_requests/* CREATE_GRANT */.kZ} on the key`,
                missingPermission: kms_requests/* CREATE_GRANT */.kZ
            }
        };
    }
    if (verdict.verdict !== 'ALLOW_IF_IAM')
        return { status: keyStatus(verdict), verdict };
    switch (iam) {
        case 'allowed':
            return { status: 'ok', verdict: { ...verdict, usable: true, reason: `${verdict.reason}; it does` } };
        case 'implicitDeny':
            return {
                status: 'misconfigured',
                verdict: { ...verdict, reason: `${verdict.reason}; it does not`, missingPermission: kms_requests/* CREATE_GRANT */.kZ }
            };
        default:
            return {
                status: 'unverified',
                verdict: { ...verdict, reason: `${verdict.reason}; the IAM side could not be simulated` }
            };
    }
}


/***/ }),

/***/ 9470:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  x1: () => (/* binding */ buildFixStatement),
  EB: () => (/* binding */ buildIamFixStatement),
  dV: () => (/* binding */ fixStatementSid),
  hx: () => (/* binding */ mergeFixStatement),
  GA: () => (/* binding */ verifyMerged)
});

// UNUSED EXPORTS: KEY_POLICY_MAX_BYTES, deepEqual

;// CONCATENATED MODULE: ./src/kms/json-text.ts
// A key policy as the text it is, for edits that must not change a byte of what they keep. JSON.parse loses what an
// edit has to preserve: it keeps only the last of two members with the same name ("Statement" twice), and it turns
// 99999999999999999999 into 100000000000000000000 when printed again. This reads the tokens of valid JSON (the
// caller has run JSON.parse on it first) with an explicit stack, so any depth is safe.
const TOKEN = /\s*(?:([{}[\]:,])|("(?:[^"\\]|\\.)*")|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null))/y;
/** The tokens of JSON text; throws on anything that is not JSON. */
function tokenizeJson(text) {
    const tokens = [];
    TOKEN.lastIndex = 0;
    let at = 0;
    while (at < text.length) {
        if (/^\s*$/.test(text.slice(at)))
            break;
        TOKEN.lastIndex = at;
        const match = TOKEN.exec(text);
        if (!match)
            throw new Error(`not JSON at character ${at}`);
        const textOf = match[1] ?? match[2] ?? match[3] ?? match[4] ?? '';
        const kind = match[1] ? 'punct' : match[2] ? 'string' : match[3] ? 'number' : 'literal';
        const end = TOKEN.lastIndex;
        tokens.push({ kind, text: textOf, start: end - textOf.length, end });
        at = end;
    }
    return tokens;
}
/** Reads a key policy's text: its top-level members, its Statement items and every duplicate member name. */
function readPolicyText(text) {
    const tokens = tokenizeJson(text);
    const duplicates = [];
    const members = [];
    let statement;
    const stack = [];
    /** A value starts at token i: remember it for the frame that holds it. */
    const valueStarts = (i) => {
        const top = stack[stack.length - 1];
        if (top && top.itemStart === undefined)
            top.itemStart = i;
    };
    /** The value that started at the frame's itemStart ended at token i. */
    const valueEnds = (i) => {
        const top = stack[stack.length - 1];
        if (!top || top.itemStart === undefined)
            return;
        const span = {
            start: tokens[top.itemStart].start,
            end: tokens[i].end,
            first: top.itemStart,
            last: i
        };
        top.items.push(span);
        if (stack.length === 1 && top.kind === 'object' && top.pending !== undefined) {
            members.push({ name: top.pending, value: span });
        }
        top.itemStart = undefined;
    };
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        const top = stack[stack.length - 1];
        if (token.text === '{' || token.text === '[') {
            valueStarts(i);
            const name = top?.kind === 'object' ? top.pending : top ? `[${top.items.length}]` : undefined;
            const path = top === undefined ? '' : top.path === '' ? `${name}` : `${top.path}.${name}`;
            stack.push({
                kind: token.text === '{' ? 'object' : 'array',
                names: new Set(),
                path,
                open: i,
                items: []
            });
        }
        else if (token.text === '}' || token.text === ']') {
            const closed = stack.pop();
            if (closed.kind === 'array' && stack.length === 1 && stack[0].pending === 'Statement') {
                statement = {
                    value: { start: tokens[closed.open].start, end: token.end, first: closed.open, last: i },
                    isArray: true,
                    items: closed.items
                };
            }
            valueEnds(i);
        }
        else if (token.kind === 'string' && top?.kind === 'object' && tokens[i + 1]?.text === ':') {
            const name = JSON.parse(token.text);
            if (top.names.has(name))
                duplicates.push(`"${name}" (${top.path === '' ? 'top level' : `in ${top.path}`})`);
            top.names.add(name);
            top.pending = name;
            i++; // the colon
        }
        else if (token.text === ',') {
            continue;
        }
        else {
            valueStarts(i);
            valueEnds(i);
        }
    }
    // The last Statement member is the one JSON.parse keeps (two of them are refused anyway, as a duplicate).
    const found = members.filter(m => m.name === 'Statement').pop();
    if (found && tokens[found.value.first].text === '{') {
        statement = { value: found.value, isArray: false, items: [found.value] };
    }
    else if (!found || tokens[found.value.first].text !== '[')
        statement = undefined;
    return { tokens, duplicates, members, statement };
}
/** The tokens of a span as one string: whitespace between tokens does not count, every other character does. */
function spanTokens(policy, span) {
    return policy.tokens
        .slice(span.first, span.last + 1)
        .map(t => t.text)
        .join('\u0000');
}

// EXTERNAL MODULE: ./src/kms/policy.ts
var policy = __webpack_require__(4695);
;// CONCATENATED MODULE: ./src/kms/fix.ts
// The least-privilege fix and its safe merge into an existing key policy. Pure and idempotent: the policy's text is
// edited, not re-printed, so every existing statement is kept byte for byte; the new one goes at the end, and a
// same-Sid statement is never overwritten.


/** KMS rejects key policies over 32 KB (how-ec2-uses-kms.md 5, not adjustable). */
const KEY_POLICY_MAX_BYTES = 32_768;
const SID_PREFIX = 'Ec2StartGuardCreateGrant';
/** Key policy documents may hold printable ASCII, Latin-1 Supplement, tab, LF and CR only (how-ec2-uses-kms.md 4.1). */
const DISALLOWED_CHARACTERS = /[^\t\n\r\x20-\xFF]/;
/**
 * A Sid that is stable for a role and safe everywhere ([A-Za-z0-9] only): the prefix, the role name in CamelCase
 * and a short hash of the whole ARN, so two roles with the same name on different paths or accounts differ.
 */
function fixStatementSid(roleArn) {
    const name = roleArn.split(/[/:]/).pop() ?? '';
    const camel = name
        .split(/[^A-Za-z0-9]+/)
        .filter(part => part !== '')
        .map(part => part[0]?.toUpperCase() + part.slice(1))
        .join('')
        .slice(0, 48);
    return `${SID_PREFIX}${camel}${fnv1a(roleArn)}`;
}
/** 32-bit FNV-1a as 8 hex digits: stable across runs and platforms, no crypto needed. */
function fnv1a(text) {
    let hash = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(text)) {
        hash ^= byte;
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16).padStart(8, '0');
}
function ec2ViaService(region) {
    return `ec2.${region}.amazonaws.com`;
}
/** The key-policy statement that lets the caller, and only through EC2 in this region, create EBS grants. */
function buildFixStatement(caller, region) {
    return {
        Sid: fixStatementSid(caller.principalArn),
        Effect: 'Allow',
        Principal: { AWS: caller.principalArn },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: {
            StringEquals: { 'kms:ViaService': ec2ViaService(region) },
            Bool: { 'kms:GrantIsForAWSResource': 'true' }
        }
    };
}
/** The identity-policy statement for the ALLOW_IF_IAM case (how-ec2-uses-kms.md 2.1, narrowed to EC2 in this region). */
function buildIamFixStatement(keyArn, region) {
    return {
        Sid: SID_PREFIX,
        Effect: 'Allow',
        Action: 'kms:CreateGrant',
        Resource: [keyArn],
        Condition: {
            StringEquals: { 'kms:ViaService': ec2ViaService(region) },
            Bool: { 'kms:GrantIsForAWSResource': true }
        }
    };
}
/** Parses a key policy for an edit: JSON, an object, bounded depth, and its text read token by token. */
function readForEdit(policyText, name) {
    let document;
    try {
        document = JSON.parse(policyText);
    }
    catch (err) {
        return { ok: false, error: `the ${name} is not valid JSON: ${err.message}` };
    }
    if (!(0,policy/* isPlainObject */.Qd)(document))
        return { ok: false, error: `the ${name} is not a JSON object` };
    if ((0,policy/* nestsDeeperThan */.ix)(document, policy/* MAX_POLICY_DEPTH */.aB)) {
        return { ok: false, error: `the ${name} nests more than ${policy/* MAX_POLICY_DEPTH */.aB} levels deep` };
    }
    return { ok: true, document, text: readPolicyText(policyText) };
}
/**
 * Adds the statement at the end of the policy's Statement by editing the text: every byte of the existing policy
 * is kept (numbers such as 99999999999999999999 included, which a parse-and-print would rewrite), and the new
 * statement follows the layout of the existing ones. Refuses a policy with duplicate members (JSON.parse keeps only
 * the last, so any edit made from the parsed value would drop the others).
 */
function mergeFixStatement(policyText, statement) {
    const read = readForEdit(policyText, 'key policy');
    if (!read.ok)
        return read;
    const { document, text } = read;
    if (text.duplicates.length > 0) {
        return {
            ok: false,
            error: `the key policy has duplicate members: ${text.duplicates.join(', ')}; JSON keeps only the last of each, so an edit could drop the others. Refusing to edit it; remove the duplicates by hand`
        };
    }
    const existing = statementsOf(document);
    if (existing === undefined || text.statement === undefined)
        return { ok: false, error: 'the key policy has no Statement object or array' };
    const sid = statement.Sid;
    if (existing.some(s => deepEqual(s, statement))) {
        return { ok: true, changed: false, policyText, reason: 'the policy already holds this statement' };
    }
    if (sid !== undefined && existing.some(s => (0,policy/* isPlainObject */.Qd)(s) && s.Sid === sid)) {
        return {
            ok: false,
            error: `the key policy already has a statement with Sid "${String(sid)}" and different content; refusing to overwrite it`
        };
    }
    const { laidOut, compact } = insertStatement(policyText, text, statement);
    if (DISALLOWED_CHARACTERS.test(laidOut)) {
        return { ok: false, error: 'the merged key policy holds characters KMS does not accept (beyond Latin-1)' };
    }
    const laidOutSize = byteLength(laidOut);
    const compactSize = byteLength(compact);
    let result;
    if (laidOutSize <= KEY_POLICY_MAX_BYTES)
        result = { ok: true, changed: true, policyText: laidOut };
    else if (compactSize <= KEY_POLICY_MAX_BYTES) {
        result = {
            ok: true,
            changed: true,
            policyText: compact,
            reason: `the new statement is written without indentation: indented the policy would be ${laidOutSize} bytes, over the ${KEY_POLICY_MAX_BYTES}-byte limit`
        };
    }
    else {
        return {
            ok: false,
            error: `the merged key policy would be ${compactSize} bytes, over the ${KEY_POLICY_MAX_BYTES}-byte key policy limit`
        };
    }
    // The edit proves itself before anything is written: the same check as the read-back after PutKeyPolicy.
    const check = verifyMerged(policyText, result.policyText, statement);
    if (!check.ok)
        return { ok: false, error: `the edit would change the policy: ${check.problems.join('; ')}` };
    return result;
}
/** The policy text with the statement inserted: in the layout of the existing statements, and compact. */
function insertStatement(policyText, text, statement) {
    const target = text.statement;
    const compactBody = JSON.stringify(statement);
    const at = (position, insert) => policyText.slice(0, position) + insert + policyText.slice(position);
    if (!target.isArray) {
        // A single statement object becomes an array: the object's own text is kept as it is.
        const { start, end } = target.value;
        const wrap = (body) => `${policyText.slice(0, start)}[${policyText.slice(start, end)}, ${body}]${policyText.slice(end)}`;
        return { laidOut: wrap(compactBody), compact: wrap(compactBody) };
    }
    const open = text.tokens[target.value.first];
    const first = target.items[0];
    const last = target.items[target.items.length - 1];
    if (first === undefined || last === undefined) {
        const inserted = at(open.end, compactBody);
        return { laidOut: inserted, compact: inserted };
    }
    const gap = policyText.slice(open.end, first.start);
    if (!gap.includes('\n')) {
        // Compact, or all on one line: the separator the policy already uses between statements.
        const second = target.items[1];
        const separator = second ? policyText.slice(first.end, second.start).replace(/^\s*,/, '') : '';
        const inserted = at(last.end, `,${/^\s*$/.test(separator) ? separator : ''}${compactBody}`);
        return { laidOut: inserted, compact: inserted };
    }
    const indent = gap.slice(gap.lastIndexOf('\n') + 1).replace(/\S/g, ' ');
    const pretty = JSON.stringify(statement, null, indentUnit(policyText, first, indent))
        .split('\n')
        .join(`\n${indent}`);
    return {
        laidOut: at(last.end, `,\n${indent}${pretty}`),
        compact: at(last.end, `,\n${indent}${compactBody}`)
    };
}
/** The indentation step inside the first statement ("  " when it cannot be told). */
function indentUnit(policyText, first, indent) {
    const inside = /\{([ \t]*\n)([ \t]*)\S/.exec(policyText.slice(first.start, first.end));
    const inner = inside?.[2] ?? '';
    return inner.startsWith(indent) && inner.length > indent.length ? inner.slice(indent.length) : '  ';
}
/**
 * Checks a policy read back after the merge against the policy it was merged into: every statement of `before`,
 * in order, token for token (only white space between tokens may differ: a rewritten number, a reordered or dropped
 * member is a change), then the new statement (unless `before` already held it), nothing else; no duplicate member;
 * and every other top-level field token for token.
 */
function verifyMerged(before, after, statement) {
    const old = readForEdit(before, 'original policy');
    const merged = readForEdit(after, 'merged policy');
    if (!old.ok || !merged.ok) {
        return { ok: false, problems: [old, merged].flatMap(r => (r.ok ? [] : [r.error])) };
    }
    const problems = [];
    if (merged.text.duplicates.length > 0)
        problems.push(`the merged policy has duplicate members: ${merged.text.duplicates.join(', ')}`);
    const oldStatements = statementsOf(old.document) ?? [];
    const oldItems = old.text.statement?.items ?? [];
    const newItems = merged.text.statement?.items;
    if (newItems === undefined || statementsOf(merged.document) === undefined)
        return { ok: false, problems: [...problems, 'the merged policy has no Statement'] };
    const alreadyThere = oldStatements.some(s => deepEqual(s, statement));
    const expected = oldItems.length + (alreadyThere ? 0 : 1);
    if (newItems.length !== expected)
        problems.push(`expected ${expected} statements, found ${newItems.length}`);
    oldItems.forEach((item, i) => {
        const got = newItems[i];
        if (got === undefined)
            problems.push(`${describe(oldStatements[i], i)} is missing`);
        else if (spanTokens(old.text, item) !== spanTokens(merged.text, got))
            problems.push(`${describe(oldStatements[i], i)} was changed`);
    });
    if (!alreadyThere) {
        const i = oldItems.length;
        const got = newItems[i];
        if (got === undefined)
            problems.push(`${describe(statement, i)} is missing`);
        else if (!deepEqual(JSON.parse(after.slice(got.start, got.end)), statement))
            problems.push(`the new statement is not at position ${i + 1} as written`);
    }
    const valueOf = (read, name) => {
        const member = read.text.members.filter(m => m.name === name).pop();
        return member === undefined ? undefined : spanTokens(read.text, member.value);
    };
    const names = new Set([...old.text.members, ...merged.text.members].map(m => m.name));
    for (const name of names) {
        if (name !== 'Statement' && valueOf(old, name) !== valueOf(merged, name))
            problems.push(`the top-level field ${name} was changed`);
    }
    return { ok: problems.length === 0, problems };
}
function statementsOf(document) {
    const statement = document.Statement;
    if (Array.isArray(statement))
        return statement;
    return (0,policy/* isPlainObject */.Qd)(statement) ? [statement] : undefined;
}
function describe(statement, index) {
    const sid = (0,policy/* isPlainObject */.Qd)(statement) && typeof statement.Sid === 'string' ? ` (Sid "${statement.Sid}")` : '';
    return `statement #${index + 1}${sid}`;
}
function byteLength(text) {
    return new TextEncoder().encode(text).length;
}
/** JSON equality: object key order does not matter, array order does. */
function deepEqual(a, b) {
    if (a === b)
        return true;
    if (Array.isArray(a) || Array.isArray(b)) {
        return (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i])));
    }
    if ((0,policy/* isPlainObject */.Qd)(a) && (0,policy/* isPlainObject */.Qd)(b)) {
        const keys = Object.keys(a);
        return (keys.length === Object.keys(b).length && keys.every(k => Object.hasOwn(b, k) && deepEqual(a[k], b[k])));
    }
    return false;
}


/***/ }),

/***/ 7948:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GN: () => (/* binding */ parseCidr),
/* harmony export */   KN: () => (/* binding */ AWS_INTERNAL),
/* harmony export */   eX: () => (/* binding */ cidrContains),
/* harmony export */   r5: () => (/* binding */ parseIp)
/* harmony export */ });
// IP addresses and CIDR ranges, IPv4 and IPv6, for IpAddress / NotIpAddress. Addresses are bigints so one
// prefix comparison serves both versions.
/**
 * The value of aws:SourceIp in a call an AWS service makes on the caller's behalf: an AWS-internal address (CloudTrail
 * shows the service's host name), so no customer CIDR ever contains it (how-ec2-uses-kms.md 1.3).
 */
const AWS_INTERNAL = 'AWS_INTERNAL';
function parseIp(text) {
    const v4 = parseIpv4(text);
    if (v4 !== undefined)
        return { version: 4, value: v4 };
    const v6 = parseIpv6(text);
    return v6 === undefined ? undefined : { version: 6, value: v6 };
}
function parseIpv4(text) {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
    if (m === null)
        return undefined;
    let value = 0n;
    for (const octet of m.slice(1)) {
        const n = Number(octet);
        if (n > 255)
            return undefined;
        value = (value << 8n) | BigInt(n);
    }
    return value;
}
function parseIpv6(text) {
    if (!/^[0-9a-fA-F:.]+$/.test(text))
        return undefined;
    const halves = text.split('::');
    if (halves.length > 2)
        return undefined;
    const groups = (half) => {
        if (half === undefined || half === '')
            return [];
        const out = [];
        const parts = half.split(':');
        for (const [i, part] of parts.entries()) {
            if (i === parts.length - 1 && part.includes('.')) {
                const v4 = parseIpv4(part);
                if (v4 === undefined)
                    return undefined;
                out.push(v4 >> 16n, v4 & 0xffffn);
            }
            else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
                out.push(BigInt(`0x${part}`));
            }
            else {
                return undefined;
            }
        }
        return out;
    };
    const head = groups(halves[0]);
    const tail = groups(halves[1]);
    if (head === undefined || tail === undefined)
        return undefined;
    const missing = 8 - head.length - tail.length;
    if (halves.length === 1 ? missing !== 0 : missing < 1)
        return undefined;
    const all = [...head, ...Array(halves.length === 1 ? 0 : missing).fill(0n), ...tail];
    return all.reduce((acc, group) => (acc << 16n) | group, 0n);
}
function parseCidr(text) {
    const [address, prefix, extra] = text.split('/');
    if (address === undefined || extra !== undefined)
        return undefined;
    const ip = parseIp(address);
    if (ip === undefined)
        return undefined;
    const max = ip.version === 4 ? 32 : 128;
    if (prefix !== undefined && !/^\d{1,3}$/.test(prefix))
        return undefined;
    const bits = prefix === undefined ? max : Number(prefix);
    if (bits > max)
        return undefined;
    return { ...ip, bits };
}
function cidrContains(range, ip) {
    if (range.version !== ip.version)
        return false;
    const shift = BigInt((range.version === 4 ? 32 : 128) - range.bits);
    return range.value >> shift === ip.value >> shift;
}


/***/ }),

/***/ 4695:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LB: () => (/* binding */ parseKeyPolicy),
/* harmony export */   OQ: () => (/* binding */ statementLabel),
/* harmony export */   Qd: () => (/* binding */ isPlainObject),
/* harmony export */   U4: () => (/* binding */ isUnresolved),
/* harmony export */   aB: () => (/* binding */ MAX_POLICY_DEPTH),
/* harmony export */   ix: () => (/* binding */ nestsDeeperThan)
/* harmony export */ });
/* unused harmony exports UNRESOLVED_MARKER, PRINCIPAL_TYPES */
// Parses a KMS key policy into normalised statements. Pure: no I/O, no SDK.
// Size (32,768 bytes) is not checked here: fix.ts owns that limit, a live policy always fits it.
/**
 * A value holding this marker was not resolvable when the document was built (e.g. a CloudFormation !GetAtt the
 * offline gate cannot compute). The evaluator treats every comparison against such a value as 'unknown'.
 */
const UNRESOLVED_MARKER = '${ec2sg:unresolved:';
/** The principal types a key policy may name. IAM groups and other keys are rejected by KMS, so by us too. */
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];
const KNOWN_VERSIONS = ['2012-10-17', '2008-10-17'];
const STATEMENT_ELEMENTS = new Set([
    'Sid',
    'Effect',
    'Principal',
    'NotPrincipal',
    'Action',
    'NotAction',
    'Resource',
    'NotResource',
    'Condition'
]);
class PolicyError extends Error {
}
function isUnresolved(value) {
    return value.includes(UNRESOLVED_MARKER);
}
function statementLabel(statement) {
    return statement.sid !== undefined ? `statement "${statement.sid}"` : `statement #${statement.index + 1}`;
}
/**
 * The deepest nesting a key policy may have. A real one needs 5 levels (Statement, statement, Condition, operator,
 * values); a deeper one is hostile, and every walk below recurses on it (JSON.stringify included).
 */
const MAX_POLICY_DEPTH = 32;
/** True when objects and arrays nest deeper than `limit` in `value`. An explicit stack: safe at any depth. */
function nestsDeeperThan(value, limit) {
    const stack = [{ value, depth: 0 }];
    while (stack.length > 0) {
        const top = stack.pop();
        if (top.value === null || typeof top.value !== 'object')
            continue;
        if (top.depth + 1 > limit)
            return true;
        for (const item of Object.values(top.value))
            stack.push({ value: item, depth: top.depth + 1 });
    }
    return false;
}
function parseKeyPolicy(text) {
    let document = text;
    if (typeof text === 'string') {
        try {
            document = JSON.parse(text.replace(/^\uFEFF/, ''));
        }
        catch (err) {
            return { ok: false, error: `the key policy is not valid JSON: ${err.message}` };
        }
    }
    if (nestsDeeperThan(document, MAX_POLICY_DEPTH)) {
        return {
            ok: false,
            error: `the key policy nests objects and arrays more than ${MAX_POLICY_DEPTH} levels deep`
        };
    }
    try {
        return { ok: true, policy: parseDocument(document) };
    }
    catch (err) {
        if (err instanceof PolicyError)
            return { ok: false, error: err.message };
        throw err;
    }
}
function parseDocument(document) {
    if (!isPlainObject(document))
        throw new PolicyError('the key policy must be a JSON object');
    const { Version: version, Id: id, Statement: statement } = document;
    if (version !== undefined && (typeof version !== 'string' || !KNOWN_VERSIONS.includes(version))) {
        throw new PolicyError(`Version must be "2012-10-17" or "2008-10-17", got ${JSON.stringify(version)}`);
    }
    if (id !== undefined && typeof id !== 'string')
        throw new PolicyError('Id must be a string');
    if (statement === undefined)
        throw new PolicyError('the key policy has no Statement');
    const statementWasObject = !Array.isArray(statement);
    const list = Array.isArray(statement) ? statement : [statement];
    return {
        version,
        id,
        statementWasObject,
        statements: list.map((raw, index) => parseStatement(raw, index))
    };
}
function parseStatement(raw, index) {
    const where = `Statement[${index}]`;
    if (!isPlainObject(raw))
        throw new PolicyError(`${where} must be an object`);
    const sid = raw.Sid;
    if (sid !== undefined && typeof sid !== 'string')
        throw new PolicyError(`${where}: Sid must be a string`);
    const label = sid !== undefined ? `${where} (Sid "${sid}")` : where;
    for (const element of Object.keys(raw)) {
        if (!STATEMENT_ELEMENTS.has(element))
            throw new PolicyError(`${label}: unknown element "${element}"`);
    }
    if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') {
        throw new PolicyError(`${label}: Effect must be "Allow" or "Deny", got ${JSON.stringify(raw.Effect)}`);
    }
    exclusive(raw, 'Principal', 'NotPrincipal', label);
    exclusive(raw, 'Action', 'NotAction', label);
    exclusive(raw, 'Resource', 'NotResource', label);
    if (raw.Principal === undefined && raw.NotPrincipal === undefined) {
        throw new PolicyError(`${label}: a key policy statement needs Principal or NotPrincipal`);
    }
    return {
        index,
        sid,
        effect: raw.Effect,
        principal: optional(raw.Principal, v => parsePrincipal(v, `${label} Principal`)),
        notPrincipal: optional(raw.NotPrincipal, v => parsePrincipal(v, `${label} NotPrincipal`)),
        action: optional(raw.Action, v => stringList(v, `${label} Action`)),
        notAction: optional(raw.NotAction, v => stringList(v, `${label} NotAction`)),
        resource: optional(raw.Resource, v => stringList(v, `${label} Resource`)),
        notResource: optional(raw.NotResource, v => stringList(v, `${label} NotResource`)),
        conditions: raw.Condition === undefined ? [] : parseConditionBlock(raw.Condition, label),
        unresolvedValues: collectUnresolved(raw),
        raw
    };
}
function exclusive(raw, a, b, label) {
    if (raw[a] !== undefined && raw[b] !== undefined) {
        throw new PolicyError(`${label}: ${a} and ${b} cannot both be present`);
    }
}
function optional(value, parse) {
    return value === undefined ? undefined : parse(value);
}
function parsePrincipal(value, where) {
    if (value === '*')
        return { kind: 'any' };
    if (!isPlainObject(value))
        throw new PolicyError(`${where} must be "*" or an object such as {"AWS": "<ARN>"}`);
    const names = {};
    for (const [type, listed] of Object.entries(value)) {
        if (!PRINCIPAL_TYPES.includes(type)) {
            throw new PolicyError(`${where}: unknown principal type "${type}" (expected ${PRINCIPAL_TYPES.join(', ')})`);
        }
        names[type] = stringList(listed, `${where}.${type}`);
    }
    return { kind: 'named', names };
}
function stringList(value, where) {
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) {
        if (typeof item !== 'string')
            throw new PolicyError(`${where} must be a string or an array of strings`);
    }
    return list;
}
function parseConditionBlock(value, label) {
    if (!isPlainObject(value))
        throw new PolicyError(`${label}: Condition must be an object of operators`);
    const conditions = [];
    for (const [operator, block] of Object.entries(value)) {
        if (!isPlainObject(block)) {
            throw new PolicyError(`${label}: Condition operator "${operator}" must map condition keys to values`);
        }
        for (const [key, raw] of Object.entries(block))
            conditions.push(parseConditionValues(operator, key, raw));
    }
    return conditions;
}
function parseConditionValues(operator, key, raw) {
    const list = Array.isArray(raw) ? raw : [raw];
    const values = [];
    for (const item of list) {
        if (typeof item === 'string')
            values.push(item);
        else if (typeof item === 'number' || typeof item === 'boolean')
            values.push(String(item));
        else
            return { operator, key, values: [], malformed: `value ${JSON.stringify(item)} is not a string` };
    }
    if (values.length === 0)
        return { operator, key, values, malformed: 'the value list is empty' };
    return { operator, key, values };
}
/** Every unresolved placeholder in a statement, keys included, in document order. An explicit stack, no recursion. */
function collectUnresolved(value) {
    const found = [];
    const stack = [value];
    while (stack.length > 0) {
        const top = stack.pop();
        if (typeof top === 'string') {
            if (isUnresolved(top))
                found.push(top);
        }
        else if (Array.isArray(top)) {
            for (let i = top.length - 1; i >= 0; i--)
                stack.push(top[i]);
        }
        else if (isPlainObject(top)) {
            const entries = Object.entries(top);
            for (let i = entries.length - 1; i >= 0; i--) {
                stack.push(entries[i][1]);
                stack.push(entries[i][0]); // popped first: a key before its value
            }
        }
    }
    return found;
}
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/***/ }),

/***/ 8787:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Uy: () => (/* binding */ DECRYPT),
/* harmony export */   YM: () => (/* binding */ ec2InfrastructureRole),
/* harmony export */   Yh: () => (/* binding */ buildEc2GrantRequest),
/* harmony export */   kZ: () => (/* binding */ CREATE_GRANT),
/* harmony export */   r6: () => (/* binding */ buildStartRequests),
/* harmony export */   xK: () => (/* binding */ EC2_INFRASTRUCTURE)
/* harmony export */ });
/* unused harmony exports ec2InfrastructureSession, buildEc2DecryptRequests */
/* harmony import */ var _ip_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7948);
// The requests a start makes to KMS per encrypted volume (how-ec2-uses-kms.md 1.1): the caller's kms:CreateGrant
// through EC2, and EC2's own kms:Decrypt of the volume's data key as the instance's identity-only role. Pure: the
// same model feeds the key-policy evaluator and the IAM simulation's context entries. Values that are not
// documented are declared unknown (or maybe present) rather than guessed.

const CREATE_GRANT = 'kms:CreateGrant';
const DECRYPT = 'kms:Decrypt';
/** The role of EC2's identity-only sessions; "aws:" names are reserved for AWS (how-ec2-uses-kms.md 1.1 item 2). */
const EC2_INFRASTRUCTURE = 'aws:ec2-infrastructure';
/** Four instance IDs of both documented lengths that differ in every character of the ID. */
const WITNESS_INSTANCE_IDS = ['i-0123456789abcdef0', 'i-fedcba9876543210f', 'i-01234567', 'i-fedcba98'];
/** A policy value that names an instance ID itself (after a separator or a wildcard). */
const NAMES_INSTANCE_ID = /(^|[/:*?])i-[0-9a-f]/i;
function partitionOf(caller) {
    return caller.partition ?? caller.principalArn.split(':')[1] ?? 'aws';
}
/** The identity-only role session EC2 uses for the instance, the grantee of EC2's grant (how-ec2-uses-kms.md 1.3). */
function ec2InfrastructureSession(partition, accountId, instanceId) {
    return `arn:${partition}:sts::${accountId}:assumed-role/${EC2_INFRASTRUCTURE}/${instanceId}`;
}
function ec2InfrastructureRole(partition, accountId) {
    return `arn:${partition}:iam::${accountId}:role/${EC2_INFRASTRUCTURE}`;
}
/** The session ARN when the instance is not known: known but for the instance ID. */
function sessionWithoutInstance(partition, accountId) {
    return {
        witnesses: WITNESS_INSTANCE_IDS.map(id => ec2InfrastructureSession(partition, accountId, id)),
        unlessPolicyNames: NAMES_INSTANCE_ID,
        missing: 'the instance ID'
    };
}
/** Context every request of the start shares: the key's own properties, and the time. */
function keyAndTime(keyArn, options, context, unknownKeys, maybeKeys) {
    const keyAccount = keyArn.split(':')[4];
    if (keyAccount !== undefined && keyAccount !== '')
        context['aws:ResourceAccount'] = keyAccount;
    if (options.now !== undefined) {
        context['aws:CurrentTime'] = options.now.toISOString();
        context['aws:EpochTime'] = String(Math.floor(options.now.getTime() / 1000));
    }
    else {
        unknownKeys.push('aws:CurrentTime', 'aws:EpochTime');
    }
    const key = options.key;
    if (key !== undefined) {
        if (key.origin !== undefined)
            context['kms:KeyOrigin'] = key.origin;
        if (key.keySpec !== undefined)
            context['kms:KeySpec'] = key.keySpec;
        if (key.keyUsage !== undefined)
            context['kms:KeyUsage'] = key.keyUsage;
        if (key.multiRegion !== undefined)
            context['kms:MultiRegion'] = key.multiRegion;
        context['kms:ResourceAliases'] = key.aliases;
    }
    else {
        maybeKeys.push('kms:KeyOrigin', 'kms:KeySpec', 'kms:KeyUsage', 'kms:MultiRegion', 'kms:ResourceAliases');
    }
}
/** Organization, tags, MFA and CalledVia depend on things the tool does not look up: they may or may not be there. */
const MAYBE_KEYS = [
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalTag/*',
    'aws:ResourceTag/*',
    'aws:ResourceOrgID',
    'aws:ResourceOrgPaths',
    'aws:SourceIdentity',
    'aws:MultiFactorAuthPresent',
    'aws:MultiFactorAuthAge',
    'aws:FederatedProvider',
    'aws:CalledVia',
    'aws:CalledViaFirst',
    'aws:CalledViaLast'
];
/**
 * The authorization context of the kms:CreateGrant EC2 makes for the caller when it attaches an encrypted volume
 * (how-ec2-uses-kms.md 1.1 and 1.3). Values we cannot know are declared unknown rather than guessed.
 */
function buildEc2GrantRequest(caller, keyArn, region, volumeId, instanceId, options = {}) {
    const partition = partitionOf(caller);
    const ec2 = `ec2.${region}.amazonaws.com`; // the .amazonaws.com suffix holds in every partition (how-ec2-uses-kms.md 1.3)
    const isRole = /:role\//.test(caller.principalArn);
    const isUser = /:user\//.test(caller.principalArn);
    const context = {
        'kms:ViaService': ec2,
        'kms:GrantIsForAWSResource': true,
        'kms:CallerAccount': caller.accountId,
        'kms:GrantOperations': ['Decrypt'],
        'kms:GrantConstraintType': 'EncryptionContextSubset',
        'kms:EncryptionContextKeys': ['aws:ebs:id'],
        'kms:RetiringPrincipal': ec2,
        'aws:PrincipalAccount': caller.accountId,
        'aws:PrincipalType': isRole || caller.sessionArn !== undefined ? 'AssumedRole' : isUser ? 'User' : 'Account',
        'aws:PrincipalIsAWSService': false,
        'aws:ViaAWSService': true,
        'aws:SourceIp': _ip_js__WEBPACK_IMPORTED_MODULE_0__/* .AWS_INTERNAL */ .KN,
        // Always in the request context, and KMS takes TLS requests only (how-ec2-uses-kms.md 1.3).
        'aws:SecureTransport': true,
        'aws:RequestedRegion': region
    };
    const unknownKeys = ['aws:userid'];
    const maybeKeys = [...MAYBE_KEYS];
    const partlyKnown = {};
    // Without the role's path the real aws:PrincipalArn is not known: unless told to assume path "/", it stays unknown.
    if (caller.pathUnknown === true && options.assumeRootPath !== true)
        unknownKeys.push('aws:PrincipalArn');
    else
        context['aws:PrincipalArn'] = caller.principalArn;
    if (volumeId !== undefined)
        context['kms:EncryptionContext:aws:ebs:id'] = volumeId;
    else
        unknownKeys.push('kms:EncryptionContext:aws:ebs:id');
    // The grantee is always EC2's identity-only session for the instance, never a customer's role (how-ec2-uses-kms.md 1.3).
    if (instanceId !== undefined) {
        context['kms:GranteePrincipal'] = ec2InfrastructureSession(partition, caller.accountId, instanceId);
    }
    else {
        partlyKnown['kms:GranteePrincipal'] = sessionWithoutInstance(partition, caller.accountId);
    }
    if (isRole || caller.sessionArn !== undefined) {
        unknownKeys.push('aws:TokenIssueTime');
        const session = caller.sessionArn?.split('/')[2];
        if (session !== undefined)
            context['aws:RoleSessionName'] = session;
        else
            unknownKeys.push('aws:RoleSessionName');
    }
    else if (isUser) {
        context['aws:username'] = caller.principalArn.split('/').pop() ?? '';
    }
    keyAndTime(keyArn, options, context, unknownKeys, maybeKeys);
    return {
        action: CREATE_GRANT,
        principalArn: caller.principalArn,
        sessionArn: caller.sessionArn,
        accountId: caller.accountId,
        resourceArn: keyArn,
        context,
        unknownKeys,
        maybeKeys,
        partlyKnown,
        principalPathUnknown: caller.pathUnknown === true
    };
}
/**
 * EC2's own kms:Decrypt of the volume's data key, as the instance's identity-only role session, in the instance's
 * account (how-ec2-uses-kms.md 1.1 item 2). One request per documented form of its aws:PrincipalArn. The Principal
 * element is matched against the role and the session either way; only the aws:PrincipalArn value differs.
 */
function buildEc2DecryptRequests(accountId, partition, keyArn, volumeId, instanceId, options = {}) {
    const role = ec2InfrastructureRole(partition, accountId);
    const forms = [
        { form: 'role', principalArn: role },
        {
            form: 'role-with-instance-id',
            principalArn: instanceId === undefined ? undefined : `${role}/${instanceId}`
        }
    ];
    return forms.map(({ form, principalArn }) => {
        const context = {
            'kms:CallerAccount': accountId,
            'aws:PrincipalAccount': accountId,
            'aws:PrincipalIsAWSService': false,
            'aws:ViaAWSService': false,
            'aws:SourceIp': _ip_js__WEBPACK_IMPORTED_MODULE_0__/* .AWS_INTERNAL */ .KN,
            'aws:SecureTransport': true,
            'kms:EncryptionContextKeys': ['aws:ebs:id']
        };
        const unknownKeys = ['aws:userid', 'aws:TokenIssueTime'];
        // Not documented for this request: they may be there or not (how-ec2-uses-kms.md 1.1 item 2).
        const maybeKeys = [...MAYBE_KEYS, 'kms:ViaService', 'aws:PrincipalType', 'aws:RequestedRegion'];
        const partlyKnown = {};
        if (principalArn !== undefined)
            context['aws:PrincipalArn'] = principalArn;
        else {
            partlyKnown['aws:PrincipalArn'] = {
                witnesses: WITNESS_INSTANCE_IDS.map(id => `${role}/${id}`),
                unlessPolicyNames: NAMES_INSTANCE_ID,
                missing: 'the instance ID'
            };
        }
        if (volumeId !== undefined)
            context['kms:EncryptionContext:aws:ebs:id'] = volumeId;
        else
            unknownKeys.push('kms:EncryptionContext:aws:ebs:id');
        if (instanceId !== undefined)
            context['aws:RoleSessionName'] = instanceId;
        else
            unknownKeys.push('aws:RoleSessionName');
        keyAndTime(keyArn, options, context, unknownKeys, maybeKeys);
        return {
            form,
            request: {
                action: DECRYPT,
                principalArn: role,
                sessionArn: instanceId === undefined ? undefined : ec2InfrastructureSession(partition, accountId, instanceId),
                accountId,
                resourceArn: keyArn,
                context,
                unknownKeys,
                maybeKeys,
                partlyKnown
            }
        };
    });
}
/** Both requests of the start, for one caller, key, volume and instance. */
function buildStartRequests(caller, keyArn, region, volumeId, instanceId, options = {}) {
    return [
        {
            name: 'CreateGrant',
            needs: 'allow-and-no-deny',
            forms: [{ request: buildEc2GrantRequest(caller, keyArn, region, volumeId, instanceId, options) }]
        },
        {
            name: 'Decrypt',
            needs: 'no-deny',
            // EC2 makes it in the instance's account, which is the caller's.
            forms: buildEc2DecryptRequests(caller.accountId, partitionOf(caller), keyArn, volumeId, instanceId, options)
        }
    ];
}


/***/ })

};
