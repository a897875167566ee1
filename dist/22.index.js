export const id = 22;
export const ids = [22];
export const modules = {

/***/ 3671:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VE: () => (/* binding */ callerFromArn),
/* harmony export */   ut: () => (/* binding */ withRolePathFrom),
/* harmony export */   wo: () => (/* binding */ arnParts)
/* harmony export */ });
function arnParts(arn) {
    const [, partition = 'aws', , region = '', accountId = '', ...rest] = arn.split(':');
    return { partition, region, accountId, resource: rest.join(':') };
}
const ASSUMED_ROLE = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;
/**
 * An assumed-role session ARN names the role but not its path (how-ec2-uses-kms.md 6). Role names are unique in an
 * account whatever their path, so the analyzer can match on account and name; the exact ARN (for a fix
 * statement or a simulation) comes from iam:GetRole when it is needed.
 */
function callerFromArn(arn, account) {
    const session = ASSUMED_ROLE.exec(arn);
    if (session) {
        const [, partition, accountId, roleName] = session;
        return {
            principalArn: `arn:${partition}:iam::${accountId}:role/${roleName}`,
            accountId,
            sessionArn: arn,
            partition,
            pathUnknown: true
        };
    }
    const parts = arnParts(arn);
    return { principalArn: arn, accountId: account ?? parts.accountId, partition: parts.partition };
}
/**
 * The caller with its role's path taken from a full role ARN given as an input (role-to-assume, principal-arn),
 * when that ARN is the caller's role: same partition, account and name. Otherwise the caller is unchanged.
 */
function withRolePathFrom(caller, roleArn) {
    if (caller.pathUnknown !== true || roleArn === undefined)
        return caller;
    const given = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
    const known = /^arn:([^:]+):iam::(\d{12}):role\/([^/]+)$/.exec(caller.principalArn);
    if (given === null || known === null)
        return caller;
    if (given[1] !== known[1] || given[2] !== known[2] || given[3] !== known[3])
        return caller;
    return { ...caller, principalArn: roleArn, pathUnknown: false };
}


/***/ }),

/***/ 5742:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $7: () => (/* binding */ checkYamlExpansion),
/* harmony export */   Jy: () => (/* binding */ checkValueDepth),
/* harmony export */   RU: () => (/* binding */ MAX_DOCUMENT_DEPTH),
/* harmony export */   Y8: () => (/* binding */ checkHclTextDepth),
/* harmony export */   bi: () => (/* binding */ MAX_DOCUMENT_BYTES),
/* harmony export */   g$: () => (/* binding */ tooLarge),
/* harmony export */   lp: () => (/* binding */ checkJsonTextDepth),
/* harmony export */   ms: () => (/* binding */ checkYamlTextDepth),
/* harmony export */   tq: () => (/* binding */ DocumentBoundsError)
/* harmony export */ });
/* unused harmony exports MAX_YAML_ALIAS_COUNT, MAX_EXPANDED_VALUES */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _report_links_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3303);
// Bounds on every document the offline gate reads. The files come from a pull request: a YAML alias bomb grows
// exponentially when expanded, and a document nested 10,000 levels deep overflows the stack of any recursive walk
// (the YAML parser's included). Every limit is checked before the walk that it protects, without recursion, and an
// over-limit file becomes that file's own finding (DOCUMENT_TOO_LARGE, DOCUMENT_TOO_DEEP) while the others are judged.


/**
 * The largest file read. Key policies are at most 32 KB and CloudFormation templates at most 1 MB (S3-hosted); this
 * leaves room for large Terraform plans. The position-aware parse costs about 110 bytes of memory per byte of JSON:
 * an 8 MB plan peaked at about 0.9 GB (SECURITY.md, "Memory and size bounds"), well within a hosted runner.
 */
const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;
/** The deepest nesting of objects and arrays. Policies need about 6 levels, templates and plans a few dozen. */
const MAX_DOCUMENT_DEPTH = 100;
/** The yaml package's own limit on alias expansion (its toJS option maxAliasCount). */
const MAX_YAML_ALIAS_COUNT = 100;
/** The most values a YAML document may hold once its aliases are followed. */
const MAX_EXPANDED_VALUES = 1_000_000;
/** A document over one of the limits: the message starts with the code and ends with the troubleshooting link. */
class DocumentBoundsError extends Error {
    code;
    constructor(code, detail) {
        super(`${code}: ${detail}. See ${code === 'DOCUMENT_TOO_LARGE' ? LARGE_LINK : DEEP_LINK}`);
        this.code = code;
        this.name = 'DocumentBoundsError';
    }
}
const LARGE_LINK = (0,_report_links_js__WEBPACK_IMPORTED_MODULE_1__/* .troubleshootingLink */ .rT)('DOCUMENT_TOO_LARGE');
const DEEP_LINK = (0,_report_links_js__WEBPACK_IMPORTED_MODULE_1__/* .troubleshootingLink */ .rT)('DOCUMENT_TOO_DEEP');
function tooLarge(bytes) {
    return new DocumentBoundsError('DOCUMENT_TOO_LARGE', `the file is ${bytes} bytes; the limit is ${MAX_DOCUMENT_BYTES} (8 MiB)`);
}
function tooDeep(where) {
    return new DocumentBoundsError('DOCUMENT_TOO_DEEP', `the document nests objects and arrays more than ${MAX_DOCUMENT_DEPTH} levels deep${where}`);
}
/** "line:column" of an offset, in the form the annotations read ("at 3:5"). */
function position(text, offset) {
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
        line++;
        lineStart = i + 1;
    }
    return ` (at ${line}:${offset - lineStart + 1})`;
}
/**
 * Throws DOCUMENT_TOO_DEEP when JSON text nests deeper than the limit. One pass over the text, strings skipped: the
 * text is known to be valid JSON (JSON.parse accepted it), so brackets outside strings are the structure.
 */
function checkJsonTextDepth(text) {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x22 /* " */) {
            for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++)
                if (text.charCodeAt(i) === 0x5c)
                    i++;
        }
        else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
            if (++depth > MAX_DOCUMENT_DEPTH)
                throw tooDeep(position(text, i));
        }
        else if (c === 0x7d /* } */ || c === 0x5d /* ] */)
            depth--;
    }
}
/**
 * Throws DOCUMENT_TOO_DEEP when YAML text nests deeper than the limit, before the YAML composer (which recurses, and
 * runs out of memory on 10,000 levels) sees it. The yaml package's CST parser keeps its own stack; this walks the
 * tokens it produces with an explicit stack.
 */
function checkYamlTextDepth(text) {
    const stack = [];
    for (const token of new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Parser */ .iX().parse(text))
        stack.push({ token, depth: 0 });
    while (stack.length > 0) {
        const { token, depth } = stack.pop();
        if (!token || typeof token !== 'object')
            continue;
        const nested = token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
        const level = nested ? depth + 1 : depth;
        if (level > MAX_DOCUMENT_DEPTH)
            throw tooDeep(position(text, token.offset ?? 0));
        if (token.type === 'document' || token.type === 'block-scalar' || token.type === 'flow-scalar') {
            if (token.value && typeof token.value === 'object')
                stack.push({ token: token.value, depth: level });
        }
        for (const item of token.items ?? []) {
            if (item.key)
                stack.push({ token: item.key, depth: level });
            if (item.value)
                stack.push({ token: item.value, depth: level });
        }
    }
}
/**
 * Throws when a composed YAML document is too big once its aliases are followed: first the yaml package's own
 * maxAliasCount check (cheap: it stops at the first anchor used too often), then a walk that follows every alias with
 * an explicit stack and stops at MAX_EXPANDED_VALUES values or MAX_DOCUMENT_DEPTH levels (an alias cycle is deep).
 */
function checkYamlExpansion(doc) {
    let aliases = false;
    let values = 0;
    const stack = [{ node: doc.contents, depth: 0 }];
    while (stack.length > 0) {
        const { node, depth } = stack.pop();
        if (++values > MAX_EXPANDED_VALUES) {
            throw new DocumentBoundsError('DOCUMENT_TOO_LARGE', `the YAML document holds more than ${MAX_EXPANDED_VALUES} values once its aliases are followed`);
        }
        if (depth > MAX_DOCUMENT_DEPTH)
            throw tooDeep(' once its aliases are followed (an alias cycle?)');
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node)) {
            if (!aliases) {
                aliases = true;
                checkAliasCount(doc);
            }
            stack.push({ node: node.resolve(doc), depth: depth + 1 });
        }
        else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node)) {
            for (const item of node.items) {
                if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(item)) {
                    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(item.key))
                        stack.push({ node: item.key, depth: depth + 1 });
                    stack.push({ node: item.value, depth: depth + 1 });
                }
                else
                    stack.push({ node: item, depth: depth + 1 });
            }
        }
    }
}
function checkAliasCount(doc) {
    try {
        doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
    }
    catch (error) {
        if (error instanceof ReferenceError) {
            throw new DocumentBoundsError('DOCUMENT_TOO_LARGE', `the YAML aliases expand past the limit (maxAliasCount ${MAX_YAML_ALIAS_COUNT}): ${error.message}`);
        }
        throw error;
    }
}
/**
 * Throws DOCUMENT_TOO_DEEP when HCL text nests brackets ({, [, () deeper than the limit, before HashiCorp's parser
 * (which recurses, in WebAssembly, and overflows the stack on 10,000 levels) sees it. Strings, comments and heredoc
 * bodies are skipped; an interpolation's own brackets are not counted, so this is a guard against hostile depth,
 * not a parser.
 */
function checkHclTextDepth(text) {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        const next = text[i + 1];
        if (c === '"') {
            for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++)
                if (text[i] === '\\')
                    i++;
        }
        else if (c === '#' || (c === '/' && next === '/')) {
            while (i < text.length && text[i] !== '\n')
                i++;
        }
        else if (c === '/' && next === '*') {
            const end = text.indexOf('*/', i + 2);
            i = end < 0 ? text.length : end + 1;
        }
        else if (c === '<' && next === '<') {
            const heredoc = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 80));
            if (heredoc) {
                const close = new RegExp(`\\n[ \\t]*${heredoc[1]}[ \\t]*(?:\\r?\\n|$)`, 'g');
                close.lastIndex = i;
                const found = close.exec(text);
                i = found ? found.index + found[0].length - 1 : text.length;
            }
        }
        else if (c === '{' || c === '[' || c === '(') {
            if (++depth > MAX_DOCUMENT_DEPTH)
                throw tooDeep(position(text, i));
        }
        else if (c === '}' || c === ']' || c === ')')
            depth = Math.max(0, depth - 1);
    }
}
/**
 * Throws DOCUMENT_TOO_DEEP when a parsed value (the JSON that the HCL parser returns, for one) nests deeper than
 * `limit`. An explicit stack; shared values are walked once per path, bounded by MAX_EXPANDED_VALUES.
 */
function checkValueDepth(value, what, limit = MAX_DOCUMENT_DEPTH) {
    const stack = [{ value, depth: 0 }];
    let values = 0;
    while (stack.length > 0) {
        const top = stack.pop();
        if (++values > MAX_EXPANDED_VALUES) {
            throw new DocumentBoundsError('DOCUMENT_TOO_LARGE', `${what} holds more than ${MAX_EXPANDED_VALUES} values`);
        }
        if (top.value === null || typeof top.value !== 'object')
            continue;
        if (top.depth + 1 > limit) {
            throw new DocumentBoundsError('DOCUMENT_TOO_DEEP', `${what} nests objects and arrays more than ${limit} levels deep`);
        }
        for (const item of Object.values(top.value))
            stack.push({ value: item, depth: top.depth + 1 });
    }
}


/***/ }),

/***/ 1022:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkPolicyFiles: () => (/* binding */ checkPolicyFiles)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/kms/access.ts + 14 modules
var access = __webpack_require__(3971);
// EXTERNAL MODULE: ./src/kms/fix.ts + 1 modules
var kms_fix = __webpack_require__(9470);
// EXTERNAL MODULE: ./src/kms/principal.ts
var principal = __webpack_require__(3671);
// EXTERNAL MODULE: ./src/report/model.ts
var model = __webpack_require__(6867);
// EXTERNAL MODULE: ./src/offline/bounds.ts
var bounds = __webpack_require__(5742);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var dist = __webpack_require__(3382);
;// CONCATENATED MODULE: ./src/offline/discover.ts
// Finds the policy files named by the `key-policy-files` globs, inside the workspace only: the globs come from a
// workflow file that a pull request can change, so they must not reach files outside the checked-out repository.



const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];
async function findPolicyFiles(globs, workspace, input = 'key-policy-files') {
    const patterns = globs.map(g => g.trim()).filter(g => g !== '');
    for (const pattern of patterns)
        assertInsideWorkspace(pattern, input);
    // `!pattern` lines exclude files from every other glob, as in .gitignore-like lists.
    const excluded = patterns.filter(p => p.startsWith('!')).map(p => p.slice(1));
    const included = patterns.filter(p => !p.startsWith('!'));
    const root = await (0,promises_.realpath)(workspace);
    const files = new Set();
    const unmatched = [];
    for (const pattern of included) {
        const matches = await (0,dist/* glob */.TI)(pattern, {
            cwd: root,
            dot: false,
            onlyFiles: true,
            expandDirectories: false,
            ignore: [...ALWAYS_IGNORED, ...excluded]
        });
        const inside = await filterInside(root, matches);
        if (inside.length === 0)
            unmatched.push(pattern);
        for (const file of inside)
            files.add(file);
    }
    return { files: [...files].sort(compareCodeUnits), unmatched };
}
/** Absolute globs and `..` segments (also inside braces, `{..,x}`) would leave the workspace. */
function assertInsideWorkspace(pattern, input) {
    const body = pattern.startsWith('!') ? pattern.slice(1) : pattern;
    if (external_node_path_default().posix.isAbsolute(body) || external_node_path_default().win32.isAbsolute(body) || /^[A-Za-z]:/.test(body)) {
        throw new Error(`${input}: glob "${pattern}" is absolute; use a path relative to the repository`);
    }
    if (/(^|[/\\{,])\.\.($|[/\\},])/.test(body)) {
        throw new Error(`${input}: glob "${pattern}" has a ".." segment; globs may not leave the repository`);
    }
}
/** Keeps matches whose real path (symbolic links followed) is inside the workspace, as posix relative paths. */
async function filterInside(root, matches) {
    const inside = [];
    for (const match of matches) {
        const relative = match.split((external_node_path_default()).sep).join('/');
        if (relative.startsWith('../') || external_node_path_default().isAbsolute(relative))
            continue;
        const real = await (0,promises_.realpath)(external_node_path_default().join(root, relative)).catch(() => undefined);
        if (real === undefined || (real !== root && !real.startsWith(root + (external_node_path_default()).sep)))
            continue;
        inside.push(relative);
    }
    return inside;
}
function compareCodeUnits(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var yaml_dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/offline/source-tree.ts + 1 modules
var source_tree = __webpack_require__(96);
// EXTERNAL MODULE: ./src/offline/unresolved.ts
var unresolved = __webpack_require__(3292);
;// CONCATENATED MODULE: ./src/offline/cfn-intrinsics.ts
// CloudFormation intrinsic functions, as far as they can be resolved without a stack: pseudo parameters come from the
// context, Fn::Sub / Fn::Join / Fn::Select / Fn::FindInMap are computed, and everything that needs a deployed stack
// (a parameter, a resource attribute, an import, a condition) becomes an unresolved placeholder.



/** A call of an intrinsic function, in long form (`Fn::Sub`) or YAML short form (`!Sub`). */
class Intrinsic {
    name;
    arg;
    shortForm;
    constructor(name, // long name: Ref, Condition, Fn::Sub, ...
    arg, shortForm) {
        this.name = name;
        this.arg = arg;
        this.shortForm = shortForm;
    }
    /** The name as the author wrote it. */
    get written() {
        if (!this.shortForm)
            return this.name;
        return this.name === 'Ref' || this.name === 'Condition' ? `!${this.name}` : `!${this.name.slice(4)}`;
    }
}
const SHORT_FORMS = [
    'Ref',
    'Condition',
    'Base64',
    'Cidr',
    'Equals',
    'And',
    'Or',
    'Not',
    'FindInMap',
    'GetAtt',
    'GetAZs',
    'If',
    'ImportValue',
    'Join',
    'Length',
    'Select',
    'Split',
    'Sub',
    'ToJsonString',
    'Transform'
];
/** The YAML short forms, each accepted on a scalar, a sequence and a mapping; the tag stays on the node. */
const cfnYamlTags = SHORT_FORMS.flatMap(name => [
    { tag: `!${name}`, resolve: (value) => value },
    { tag: `!${name}`, collection: 'seq', resolve: (node) => node },
    { tag: `!${name}`, collection: 'map', resolve: (node) => node }
]);
function longName(shortName) {
    return shortName === 'Ref' || shortName === 'Condition' ? shortName : `Fn::${shortName}`;
}
/** Converts a parsed YAML template node to plain values, with short-form tags as Intrinsic calls. */
function cfnValueFromYaml(tree, node, depth = 0) {
    if (depth > 200)
        return null; // an alias cycle; YAML allows it, CloudFormation does not
    const value = (0,source_tree/* deref */.LA)(tree, node);
    const tag = value?.tag;
    const shortName = tag?.startsWith('!') ? tag.slice(1) : undefined;
    let plain;
    if ((0,yaml_dist/* isScalar */.jn)(value))
        plain = value.value;
    else if ((0,yaml_dist/* isSeq */.oP)(value))
        plain = value.items.map(item => cfnValueFromYaml(tree, item, depth + 1));
    else if ((0,yaml_dist/* isMap */.jh)(value)) {
        const out = {};
        for (const { key, pair } of (0,source_tree/* mapEntries */.Nn)(tree, value))
            out[key] = cfnValueFromYaml(tree, pair.value, depth + 1);
        plain = out;
    }
    else
        plain = null;
    if (shortName && SHORT_FORMS.includes(shortName))
        return new Intrinsic(longName(shortName), liftLongForms(plain), true);
    return liftLongForms(plain);
}
/** Turns every single-key `{ "Ref": ... }` / `{ "Fn::X": ... }` object into an Intrinsic call. */
function liftLongForms(value) {
    if (value instanceof Intrinsic)
        return value;
    if (Array.isArray(value))
        return value.map(liftLongForms);
    if (!(0,unresolved/* isPlainObject */.Qd)(value))
        return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'))) {
        return new Intrinsic(keys[0], liftLongForms(value[keys[0]]), false);
    }
    const out = {};
    for (const key of keys)
        out[key] = liftLongForms(value[key]);
    return out;
}
/** `!Ref AWS::NoValue`: the property or list item is removed. */
const NO_VALUE = Symbol('AWS::NoValue');
/** Resolves every Intrinsic in a value; what cannot be resolved becomes a placeholder of `env.unresolved`. */
function resolveCfnValue(value, env) {
    const resolved = resolveAny(value, env, 0);
    return resolved === NO_VALUE ? null : resolved;
}
function resolveAny(value, env, depth) {
    if (depth > 100)
        return env.unresolved.placeholder('a value nested too deeply');
    if (value instanceof Intrinsic)
        return resolveIntrinsic(value, env, depth + 1);
    if (Array.isArray(value)) {
        return value.map(item => resolveAny(item, env, depth + 1)).filter(item => item !== NO_VALUE);
    }
    if ((0,unresolved/* isPlainObject */.Qd)(value)) {
        const out = {};
        for (const [key, item] of Object.entries(value)) {
            const resolved = resolveAny(item, env, depth + 1);
            if (resolved !== NO_VALUE)
                out[key] = resolved;
        }
        return out;
    }
    return value;
}
function pseudoParameter(name, ctx) {
    switch (name) {
        case 'AWS::AccountId':
            return ctx.accountId;
        case 'AWS::Region':
            return ctx.region;
        case 'AWS::Partition':
            return ctx.partition;
        case 'AWS::URLSuffix':
            return ctx.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
        default:
            return undefined; // AWS::StackName, AWS::StackId, AWS::NotificationARNs need a stack
    }
}
function resolveIntrinsic(call, env, depth) {
    const unknown = (what) => env.unresolved.placeholder(`${call.written} ${what}`);
    switch (call.name) {
        case 'Ref': {
            if (typeof call.arg !== 'string')
                return unknown(render(call.arg));
            if (call.arg === 'AWS::NoValue')
                return NO_VALUE;
            return pseudoParameter(call.arg, env.ctx) ?? unknown(call.arg);
        }
        case 'Fn::GetAtt': {
            const parts = Array.isArray(call.arg) ? call.arg.map(render) : [render(call.arg)];
            return unknown(parts.join('.'));
        }
        case 'Fn::Sub':
            return resolveSub(call, env, depth);
        case 'Fn::Join': {
            if (!Array.isArray(call.arg) || call.arg.length !== 2 || typeof call.arg[0] !== 'string') {
                return unknown(render(call.arg));
            }
            const list = resolveAny(call.arg[1], env, depth);
            if (typeof list === 'string')
                return list; // the list itself is unknown: its placeholder says why
            if (!Array.isArray(list) || !list.every(isScalarText))
                return unknown(render(call.arg));
            return list.map(String).join(call.arg[0]);
        }
        case 'Fn::Select': {
            if (!Array.isArray(call.arg) || call.arg.length !== 2)
                return unknown(render(call.arg));
            const index = resolveAny(call.arg[0], env, depth);
            const list = resolveAny(call.arg[1], env, depth);
            const position = typeof index === 'number' ? index : typeof index === 'string' ? Number(index) : NaN;
            if (Array.isArray(list) && Number.isInteger(position) && position >= 0 && position < list.length) {
                return list[position];
            }
            return typeof list === 'string' ? list : unknown(render(call.arg));
        }
        case 'Fn::FindInMap': {
            if (!Array.isArray(call.arg) || call.arg.length < 3)
                return unknown(render(call.arg));
            const keys = call.arg.slice(0, 3).map(part => resolveAny(part, env, depth));
            let found = env.mappings;
            for (const key of keys)
                found = typeof key === 'string' && (0,unresolved/* isPlainObject */.Qd)(found) ? found[key] : undefined;
            return found === undefined ? unknown(render(call.arg)) : resolveAny(found, env, depth);
        }
        default:
            return unknown(render(call.arg));
    }
}
function isScalarText(value) {
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
/** Fn::Sub: `${AWS::AccountId}`-style pseudo parameters, the variable map of the two-element form, `${!Literal}`. */
function resolveSub(call, env, depth) {
    const [template, variables] = Array.isArray(call.arg) ? call.arg : [call.arg, {}];
    const text = resolveAny(template, env, depth);
    if (typeof text !== 'string')
        return env.unresolved.placeholder(`${call.written} ${render(call.arg)}`);
    const map = (0,unresolved/* isPlainObject */.Qd)(variables) ? variables : {};
    return text.replace(/\$\{([^}]*)\}/g, (whole, inner) => {
        if (inner.startsWith('!'))
            return `\${${inner.slice(1)}}`; // ${!Name} is the literal text ${Name}
        if (inner.startsWith('ec2sg:unresolved:'))
            return whole; // a placeholder from a nested call
        const name = inner.trim();
        if (Object.hasOwn(map, name)) {
            const value = resolveAny(map[name], env, depth);
            if (value === NO_VALUE)
                return '';
            if (isScalarText(value))
                return String(value);
            return env.unresolved.placeholder(`${call.written} variable ${name}`);
        }
        // Names with a dot are resource attributes (like Fn::GetAtt); other names are parameters or resources.
        return pseudoParameter(name, env.ctx) ?? env.unresolved.placeholder(`${call.written} variable ${name}`);
    });
}
/** A short, readable rendering of an argument for descriptions. */
function render(value) {
    const text = renderFull(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
function renderFull(value) {
    if (value instanceof Intrinsic)
        return `(${value.written} ${renderFull(value.arg)})`;
    if (Array.isArray(value))
        return `[${value.map(renderFull).join(', ')}]`;
    if ((0,unresolved/* isPlainObject */.Qd)(value)) {
        return `{${Object.entries(value)
            .map(([k, v]) => `${k}: ${renderFull(v)}`)
            .join(', ')}}`;
    }
    return String(value);
}

// EXTERNAL MODULE: ./src/offline/default-policy.ts
var default_policy = __webpack_require__(69);
// EXTERNAL MODULE: ./src/offline/policy-result.ts
var policy_result = __webpack_require__(7375);
;// CONCATENATED MODULE: ./src/offline/cloudformation.ts
// CloudFormation templates (JSON or YAML): the KeyPolicy of every AWS::KMS::Key, with intrinsics resolved.






const KEY_TYPES = new Set(['AWS::KMS::Key', 'AWS::KMS::ReplicaKey']);
/** A template is a mapping with a Resources mapping (or at least the format version that names it one). */
function isCloudFormationTemplate(value) {
    return (0,unresolved/* isPlainObject */.Qd)(value) && ((0,unresolved/* isPlainObject */.Qd)(value.Resources) || 'AWSTemplateFormatVersion' in value);
}
/**
 * @param template the template as plain values with Intrinsic calls (cfnValueFromYaml or liftLongForms)
 * @param tree the same template with positions
 */
function extractFromCloudFormation(tree, template, ctx, format) {
    const resources = (0,unresolved/* isPlainObject */.Qd)(template.Resources) ? template.Resources : {};
    const resourceNodes = (0,source_tree/* findPair */.c6)(tree, tree.root, 'Resources')?.value;
    const policies = [];
    for (const { key: logicalId, pair } of (0,source_tree/* mapEntries */.Nn)(tree, resourceNodes)) {
        const resource = resources[logicalId];
        if (!(0,unresolved/* isPlainObject */.Qd)(resource) || typeof resource.Type !== 'string' || !KEY_TYPES.has(resource.Type))
            continue;
        const properties = (0,unresolved/* isPlainObject */.Qd)(resource.Properties) ? resource.Properties : {};
        const policyPair = (0,source_tree/* findPair */.c6)(tree, (0,source_tree/* findPair */.c6)(tree, pair.value, 'Properties')?.value, 'KeyPolicy');
        if (properties.KeyPolicy === undefined || properties.KeyPolicy === null || !policyPair) {
            // CloudFormation then creates the key with the CreateKey default policy (a replica key cannot lack one).
            if (resource.Type !== 'AWS::KMS::Key')
                continue;
            const line = (0,source_tree/* lineOfPair */.uF)(tree, pair);
            policies.push((0,policy_result/* extractedPolicy */.z)({
                name: `${logicalId} (default policy)`,
                line,
                policy: (0,default_policy/* createKeyDefaultPolicy */.t)(ctx.accountId, ctx.partition),
                statementLines: [line]
            }));
            continue;
        }
        const env = { ctx, mappings: template.Mappings, unresolved: new unresolved/* UnresolvedCollector */.Tj() };
        policies.push(keyPolicy(tree, logicalId, properties.KeyPolicy, policyPair.value, (0,source_tree/* lineOfPair */.uF)(tree, policyPair), env));
    }
    if (policies.length === 0)
        return { kind: 'skipped', reason: 'CloudFormation template has no AWS::KMS::Key resource' };
    return { kind: 'policies', format, policies };
}
function keyPolicy(tree, name, value, node, line, env) {
    const resolved = resolveCfnValue(value, env);
    const collector = env.unresolved;
    if ((0,unresolved/* isPlainObject */.Qd)(value)) {
        return (0,policy_result/* extractedPolicy */.z)({
            name,
            line,
            policy: resolved,
            statementLines: (0,source_tree/* statementLinesOf */.eQ)(tree, node, line),
            collector
        });
    }
    if (typeof resolved !== 'string' || /^\$\{ec2sg:unresolved:#\d+\}$/.test(resolved)) {
        // An intrinsic that gives the whole policy (e.g. !If, !GetAtt) or a value that is no policy at all.
        return (0,policy_result/* extractedPolicy */.z)({ name, line, policy: resolved, collector });
    }
    // KeyPolicy may be a JSON string (often `!Sub |` with ${AWS::AccountId} inside).
    const parsed = (0,source_tree/* parseJsonTree */.U0)(resolved);
    if (!parsed.ok) {
        return (0,policy_result/* extractedPolicy */.z)({
            name,
            line,
            policy: null,
            unresolved: [`KeyPolicy of ${name}: ${parsed.message}`]
        });
    }
    const textNode = policyTextNode(tree, node);
    // A literal block scalar (`|`) keeps the text's lines, one below the indicator; other styles fold them.
    const statementLines = textNode?.type === yaml_dist/* Scalar */.X5.BLOCK_LITERAL
        ? (0,source_tree/* statementLinesOf */.eQ)(parsed.tree, parsed.tree.root, 1).map(inner => (0,source_tree/* lineOf */.cA)(tree, textNode) + inner)
        : undefined;
    return (0,policy_result/* extractedPolicy */.z)({ name, line, policy: parsed.value, statementLines, collector });
}
/** The scalar that holds the policy text: the value itself, or the template of a Fn::Sub / !Sub. */
function policyTextNode(tree, node) {
    const value = (0,source_tree/* deref */.LA)(tree, node);
    if ((0,yaml_dist/* isScalar */.jn)(value))
        return value;
    if ((0,yaml_dist/* isSeq */.oP)(value))
        return policyTextNode(tree, value.items[0]);
    if ((0,yaml_dist/* isMap */.jh)(value)) {
        const sub = (0,source_tree/* findPair */.c6)(tree, value, 'Fn::Sub');
        return sub && value.items.length === 1 ? policyTextNode(tree, sub.value) : undefined;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/offline/raw-policy.ts
// A key policy document kept as a file on its own, exactly as GetKeyPolicy returns it or PutKeyPolicy takes it.



function isRawPolicy(value) {
    return (0,unresolved/* isPlainObject */.Qd)(value) && 'Statement' in value;
}
function extractRawPolicy(tree, policy) {
    const line = (0,source_tree/* lineOf */.cA)(tree, tree.root);
    return {
        kind: 'policies',
        format: 'raw-policy',
        policies: [
            (0,policy_result/* extractedPolicy */.z)({
                name: 'key policy',
                line,
                policy,
                statementLines: (0,source_tree/* statementLinesOf */.eQ)(tree, tree.root, line)
            })
        ]
    };
}

;// CONCATENATED MODULE: ./src/offline/terraform.ts
// Terraform plans in JSON (`terraform show -json plan.out`): the planned policy of every aws_kms_key and
// aws_kms_key_policy. Policies are JSON strings there, so statements get the line of their policy.





const POLICY_TYPES = new Set(['aws_kms_key', 'aws_kms_key_policy']);
function isTerraformPlan(value) {
    return ((0,unresolved/* isPlainObject */.Qd)(value) &&
        (Array.isArray(value.resource_changes) ||
            (typeof value.format_version === 'string' && typeof value.terraform_version === 'string')));
}
function extractFromTerraformPlan(tree, plan, ctx) {
    const changes = Array.isArray(plan.resource_changes) ? plan.resource_changes : [];
    const changeNodes = (0,source_tree/* findPair */.c6)(tree, tree.root, 'resource_changes')?.value;
    const policies = [];
    changes.forEach((raw, index) => {
        const change = asResourceChange(raw);
        if (!change || change.mode !== 'managed' || !POLICY_TYPES.has(change.type))
            return;
        // A key that is only being destroyed protects nothing afterwards; a replaced one (delete + create) does.
        if (change.change.after === null || !change.change.actions.some(action => action !== 'delete'))
            return;
        const node = (0,yaml_dist/* isSeq */.oP)(changeNodes) ? changeNodes.items[index] : undefined;
        const policy = planPolicy(tree, node, change, plan, ctx);
        if (policy)
            policies.push(policy);
    });
    if (policies.length === 0) {
        return {
            kind: 'skipped',
            reason: 'Terraform plan has no aws_kms_key or aws_kms_key_policy to create or update'
        };
    }
    return { kind: 'policies', format: 'terraform-plan', policies };
}
function asResourceChange(raw) {
    if (!(0,unresolved/* isPlainObject */.Qd)(raw) || !(0,unresolved/* isPlainObject */.Qd)(raw.change) || typeof raw.address !== 'string')
        return undefined;
    const change = raw.change;
    return {
        address: raw.address,
        mode: typeof raw.mode === 'string' ? raw.mode : 'managed',
        type: String(raw.type ?? ''),
        name: String(raw.name ?? ''),
        module_address: typeof raw.module_address === 'string' ? raw.module_address : undefined,
        change: {
            actions: Array.isArray(change.actions) ? change.actions.map(String) : [],
            after: (0,unresolved/* isPlainObject */.Qd)(change.after) ? change.after : null,
            after_unknown: (0,unresolved/* isPlainObject */.Qd)(change.after_unknown) ? change.after_unknown : {}
        }
    };
}
function planPolicy(tree, node, change, plan, ctx) {
    const name = change.address;
    const line = policyLine(tree, node);
    const policy = change.change.after?.policy;
    if (typeof policy === 'string' && policy.trim() !== '') {
        const parsed = (0,source_tree/* parseJsonTree */.U0)(policy);
        if (!parsed.ok) {
            return (0,policy_result/* extractedPolicy */.z)({
                name,
                line,
                policy: null,
                unresolved: [`policy of ${name}: ${parsed.message}`]
            });
        }
        if (!(0,unresolved/* isPlainObject */.Qd)(parsed.value)) {
            return (0,policy_result/* extractedPolicy */.z)({
                name,
                line,
                policy: null,
                unresolved: [`policy of ${name} is not a JSON object`]
            });
        }
        return (0,policy_result/* extractedPolicy */.z)({ name, line, policy: parsed.value });
    }
    if ((0,unresolved/* isPlainObject */.Qd)(policy))
        return (0,policy_result/* extractedPolicy */.z)({ name, line, policy });
    if (change.type === 'aws_kms_key') {
        const unknown = change.change.after_unknown.policy === true;
        // Without a `policy` argument the provider computes the policy (known after apply) and KMS gives the key its
        // default policy, unless an aws_kms_key_policy of this key sets it (that resource is then reported itself).
        // Only the plan's configuration section tells whether the argument was written.
        const config = configResource(plan, change);
        const declaresPolicy = config === undefined || ((0,unresolved/* isPlainObject */.Qd)(config.expressions) && 'policy' in config.expressions);
        if (unknown && !declaresPolicy && setBySeparatePolicy(plan, change))
            return undefined;
        if (!unknown || !declaresPolicy) {
            return (0,policy_result/* extractedPolicy */.z)({
                name: `${name} (default policy)`,
                line,
                policy: (0,default_policy/* createKeyDefaultPolicy */.t)(ctx.accountId, ctx.partition)
            });
        }
    }
    const why = change.change.after_unknown.policy === true ? 'is known only after apply' : 'is empty';
    return (0,policy_result/* extractedPolicy */.z)({ name, line, policy: null, unresolved: [`policy of ${name} ${why}`] });
}
/** The line of `"policy":` in the planned values, else of the resource's address. */
function policyLine(tree, node) {
    const change = (0,source_tree/* findPair */.c6)(tree, node, 'change')?.value;
    const policy = (0,source_tree/* findPair */.c6)(tree, (0,source_tree/* findPair */.c6)(tree, change, 'after')?.value, 'policy');
    if (policy)
        return (0,source_tree/* lineOfPair */.uF)(tree, policy);
    const unknown = (0,source_tree/* findPair */.c6)(tree, (0,source_tree/* findPair */.c6)(tree, change, 'after_unknown')?.value, 'policy');
    if (unknown)
        return (0,source_tree/* lineOfPair */.uF)(tree, unknown);
    const address = (0,source_tree/* findPair */.c6)(tree, node, 'address');
    return address ? (0,source_tree/* lineOfPair */.uF)(tree, address) : (0,source_tree/* lineOf */.cA)(tree, node);
}
/** The module of the configuration that declares a resource, found by its module address (instance keys dropped). */
function configModule(plan, moduleAddress) {
    const configuration = plan.configuration;
    let module = (0,unresolved/* isPlainObject */.Qd)(configuration) ? configuration.root_module : undefined;
    for (const match of (moduleAddress ?? '').matchAll(/module\.([A-Za-z0-9_-]+)/g)) {
        const calls = (0,unresolved/* isPlainObject */.Qd)(module) ? module.module_calls : undefined;
        const call = (0,unresolved/* isPlainObject */.Qd)(calls) ? calls[match[1]] : undefined;
        module = (0,unresolved/* isPlainObject */.Qd)(call) ? call.module : undefined;
    }
    return (0,unresolved/* isPlainObject */.Qd)(module) ? module : undefined;
}
function configResources(module) {
    return Array.isArray(module?.resources) ? module.resources.filter(unresolved/* isPlainObject */.Qd) : [];
}
function configResource(plan, change) {
    return configResources(configModule(plan, change.module_address)).find(resource => resource.mode === change.mode && resource.type === change.type && resource.name === change.name);
}
/** Whether an aws_kms_key_policy in the same module refers to this key (its key_id references aws_kms_key.<name>). */
function setBySeparatePolicy(plan, change) {
    const key = `aws_kms_key.${change.name}`;
    return configResources(configModule(plan, change.module_address)).some(resource => {
        if (resource.type !== 'aws_kms_key_policy' || !(0,unresolved/* isPlainObject */.Qd)(resource.expressions))
            return false;
        const keyId = resource.expressions.key_id;
        const references = (0,unresolved/* isPlainObject */.Qd)(keyId) && Array.isArray(keyId.references) ? keyId.references : [];
        return references.some(ref => ref === key || (typeof ref === 'string' && ref.startsWith(`${key}.`)));
    });
}

;// CONCATENATED MODULE: ./src/offline/extract.ts
// Reads the key policies of one repository file. The format is told by content, not by name: a .json file may be a
// key policy, a CloudFormation template or a Terraform plan.






const YAML_EXTENSIONS = ['.yaml', '.yml', '.template'];
function extractKeyPolicies(relPath, text, ctx) {
    const body = text.replace(/^\uFEFF/, ''); // editors on Windows may save a byte order mark; JSON.parse refuses it
    if (body.trim() === '')
        return { kind: 'skipped', reason: 'the file is empty' };
    const extension = /\.[^./]+$/.exec(relPath.toLowerCase())?.[0] ?? '';
    // A document that opens with { or [ is JSON, whatever its name; so is every .json file.
    if (/^\s*[{[]/.test(body) || extension === '.json')
        return extractFromJson(body, ctx);
    return extractFromYaml(body, ctx, YAML_EXTENSIONS.includes(extension));
}
function extractFromJson(text, ctx) {
    const parsed = (0,source_tree/* parseJsonTree */.U0)(text);
    if (!parsed.ok)
        return { kind: 'error', message: parsed.message };
    const { tree, value } = parsed;
    if (isTerraformPlan(value))
        return extractFromTerraformPlan(tree, value, ctx);
    if (isCloudFormationTemplate(value)) {
        return extractFromCloudFormation(tree, liftLongForms(value), ctx, 'cloudformation-json');
    }
    if (isRawPolicy(value))
        return extractRawPolicy(tree, value);
    return {
        kind: 'skipped',
        reason: 'JSON is neither a key policy (no Statement), a CloudFormation template (no Resources) ' +
            'nor a Terraform plan (no resource_changes)'
    };
}
function extractFromYaml(text, ctx, namedAsYaml) {
    const parsed = (0,source_tree/* parseYamlTree */.NL)(text, cfnYamlTags);
    if (!parsed.ok) {
        // A broken template must fail the gate; a README caught by a broad glob is only not a policy file.
        if (namedAsYaml || /^(AWSTemplateFormatVersion|Resources)\s*:/m.test(text)) {
            return { kind: 'error', message: parsed.message };
        }
        return { kind: 'skipped', reason: 'neither JSON nor YAML' };
    }
    const template = cfnValueFromYaml(parsed.tree, parsed.tree.root);
    if (isCloudFormationTemplate(template)) {
        return extractFromCloudFormation(parsed.tree, template, ctx, 'cloudformation-yaml');
    }
    return { kind: 'skipped', reason: 'YAML is not a CloudFormation template (no Resources)' };
}

;// CONCATENATED MODULE: ./src/offline/check-files.ts
// The offline PR gate: key policies read from files in the repository, judged by the same analyzer as the live
// path, with no AWS call and no credentials.









function offlineKey(policy, ctx) {
    // The key does not exist yet: judge the policy of an enabled customer key in the principal's account.
    return {
        arn: `arn:${ctx.partition}:kms:${ctx.region}:${ctx.accountId}:key/${policy.name.replace(/[^\w.-]+/g, '-')}`,
        keyId: policy.name,
        accountId: ctx.accountId,
        region: ctx.region,
        keyManager: 'CUSTOMER',
        keyState: 'Enabled',
        keySpec: 'SYMMETRIC_DEFAULT',
        keyUsage: 'ENCRYPT_DECRYPT',
        aliases: []
    };
}
function judge(policy, caller, ctx) {
    const statements = policy.policy.Statement;
    if (statements === undefined && policy.unresolved.length > 0) {
        return {
            verdict: 'UNRESOLVED',
            usable: false,
            reason: `The policy cannot be known before deployment: ${policy.unresolved.join('; ')}.`
        };
    }
    return (0,access/* analyzeKeyAccess */.U5)({ key: offlineKey(policy, ctx), policy: policy.policy, caller, region: ctx.region });
}
/** Offline, IAM is out of scope: a policy that delegates to IAM passes (with a notice). */
function offlineStatus(verdict) {
    return verdict.verdict === 'ALLOW_IF_IAM' ? 'ok' : (0,access/* keyStatus */.c4)(verdict);
}
async function extractFile(workspace, file, ctx) {
    const path = (0,external_node_path_.join)(workspace, file);
    const size = (await (0,promises_.stat)(path)).size;
    // Checked before reading: the file is never loaded whole.
    if (size > bounds/* MAX_DOCUMENT_BYTES */.bi)
        return { kind: 'error', message: (0,bounds/* tooLarge */.g$)(size).message };
    return extractKeyPolicies(file, await (0,promises_.readFile)(path, 'utf8'), ctx);
}
function judgeFile(file, extracted, caller, ctx, fix) {
    if (extracted.kind === 'error')
        return { file, error: extracted.message, policies: [] };
    if (extracted.kind === 'skipped')
        return { file, skipped: extracted.reason, policies: [] };
    return {
        file,
        format: extracted.format,
        policies: extracted.policies.map(policy => {
            const verdict = judge(policy, caller, ctx);
            const index = verdict.deciding?.index;
            return {
                name: policy.name,
                line: policy.line,
                decidingLine: index === undefined ? undefined : policy.statementLines[index],
                verdict,
                status: offlineStatus(verdict),
                unresolved: policy.unresolved,
                fix: fix !== 'off' && verdict.verdict === 'DENY_IMPLICIT'
                    ? {
                        target: 'key-policy',
                        sid: (0,kms_fix/* fixStatementSid */.dV)(caller.principalArn),
                        statement: (0,kms_fix/* buildFixStatement */.x1)(caller, ctx.region)
                    }
                    : undefined
            };
        })
    };
}
async function checkPolicyFiles(inputs, workspace) {
    const began = performance.now();
    const caller = (0,principal/* callerFromArn */.VE)(inputs.principalArn);
    const ctx = {
        accountId: caller.accountId,
        region: inputs.region,
        partition: caller.partition ?? 'aws'
    };
    const report = { ...(0,model/* newRunReport */.I)(inputs), caller: caller.principalArn };
    const found = await findPolicyFiles(inputs.keyPolicyFiles, workspace);
    for (const glob of found.unmatched)
        report.problems.push(`key-policy-files: the glob "${glob}" matched no file in the workspace.`);
    const terraform = await terraformResults(inputs, workspace, found.files, ctx, report.problems);
    for (const file of found.files) {
        const extracted = terraform.get(file) ?? (await extractFile(workspace, file, ctx));
        report.files.push(judgeFile(file, extracted, caller, ctx, inputs.fix));
    }
    report.durationMs = performance.now() - began;
    return report;
}
/** .tf files are read per folder, as Terraform reads a module; the HCL parser is loaded only when there are some. */
async function terraformResults(inputs, workspace, files, ctx, problems) {
    const results = new Map();
    const byFolder = new Map();
    for (const file of files.filter(f => f.endsWith('.tf'))) {
        const folder = external_node_path_.posix.dirname(file);
        byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
    }
    if (byFolder.size === 0)
        return results;
    const { extractTerraformModule } = await __webpack_require__.e(/* import() */ 703).then(__webpack_require__.bind(__webpack_require__, 6703));
    const found = await findPolicyFiles(inputs.terraformVarFiles, workspace, 'terraform-var-files');
    for (const glob of found.unmatched)
        problems.push(`terraform-var-files: the glob "${glob}" matched no file in the workspace.`);
    const varFiles = found.files;
    const root = await (0,promises_.realpath)(workspace);
    for (const [folder, reported] of byFolder) {
        for (const [file, result] of await extractTerraformModule(root, folder, reported, ctx, varFiles))
            results.set(file, result);
    }
    return results;
}


/***/ }),

/***/ 69:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ createKeyDefaultPolicy)
/* harmony export */ });
// The policy KMS gives a key created with no policy (CreateKey, and so CloudFormation and Terraform without one):
// only the account principal, i.e. delegation to IAM (how-ec2-uses-kms.md 3.1).
function createKeyDefaultPolicy(accountId, partition) {
    return {
        Version: '2012-10-17',
        Id: 'key-default-1',
        Statement: [
            {
                Sid: 'Enable IAM User Permissions',
                Effect: 'Allow',
                Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
                Action: 'kms:*',
                Resource: '*'
            }
        ]
    };
}


/***/ }),

/***/ 7375:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ extractedPolicy)
/* harmony export */ });
/* harmony import */ var _unresolved_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3292);

function extractedPolicy(parts) {
    const finished = (parts.collector ?? new _unresolved_js__WEBPACK_IMPORTED_MODULE_0__/* .UnresolvedCollector */ .Tj()).finish(parts.policy);
    const unresolved = [...(parts.unresolved ?? []), ...finished.unresolved];
    const policy = (0,_unresolved_js__WEBPACK_IMPORTED_MODULE_0__/* .isPlainObject */ .Qd)(finished.policy) ? finished.policy : {};
    return { name: parts.name, line: parts.line, statementLines: alignLines(policy, parts), policy, unresolved };
}
function alignLines(policy, parts) {
    const statement = policy.Statement;
    if (Array.isArray(statement)) {
        const lines = parts.statementLines;
        return lines && lines.length === statement.length ? lines : statement.map(() => parts.line);
    }
    return statement === undefined ? [] : [parts.line];
}


/***/ }),

/***/ 96:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LA: () => (/* binding */ deref),
  c6: () => (/* binding */ findPair),
  cA: () => (/* binding */ lineOf),
  uF: () => (/* binding */ lineOfPair),
  Nn: () => (/* binding */ mapEntries),
  U0: () => (/* binding */ parseJsonTree),
  NL: () => (/* binding */ parseYamlTree),
  eQ: () => (/* binding */ statementLinesOf)
});

// UNUSED EXPORTS: plainValue

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/offline/bounds.ts
var bounds = __webpack_require__(5742);
;// CONCATENATED MODULE: ./src/offline/json-error-position.ts
// JSON.parse names the offset of some syntax errors but not of others ("Unexpected token", depending on the Node
// version). This strict scanner finds the offset of the first error, so every malformed-JSON message has a line.
/** Offset of the first JSON syntax error in `text`, or -1 when it is valid. */
function jsonErrorOffset(text) {
    let at = 0;
    const fail = (offset = at) => {
        throw offset;
    };
    const ws = () => {
        while (at < text.length && ' \t\n\r'.includes(text[at]))
            at++;
    };
    const literal = (word) => {
        for (const char of word) {
            if (text[at] !== char)
                fail();
            at++;
        }
    };
    const string = () => {
        at++; // opening quote
        for (;;) {
            if (at >= text.length)
                fail();
            const char = text[at];
            if (char === '"')
                return void at++;
            if (char < ' ')
                fail();
            if (char === '\\') {
                at++;
                if (text[at] === 'u') {
                    for (let i = 1; i <= 4; i++)
                        if (!/[0-9a-fA-F]/.test(text[at + i] ?? ''))
                            fail(at + i);
                    at += 5;
                }
                else if ('"\\/bfnrt'.includes(text[at] ?? 'x'))
                    at++;
                else
                    fail();
            }
            else
                at++;
        }
    };
    const number = () => {
        const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
        if (!match)
            fail();
        else
            at += match[0].length;
    };
    const value = () => {
        ws();
        const char = text[at];
        if (char === '{') {
            at++;
            ws();
            if (text[at] === '}')
                return void at++;
            for (;;) {
                ws();
                if (text[at] !== '"')
                    fail();
                string();
                ws();
                if (text[at] !== ':')
                    fail();
                at++;
                value();
                ws();
                if (text[at] === '}')
                    return void at++;
                if (text[at] !== ',')
                    fail();
                at++;
            }
        }
        if (char === '[') {
            at++;
            ws();
            if (text[at] === ']')
                return void at++;
            for (;;) {
                value();
                ws();
                if (text[at] === ']')
                    return void at++;
                if (text[at] !== ',')
                    fail();
                at++;
            }
        }
        if (char === '"')
            return string();
        if (char === 't')
            return literal('true');
        if (char === 'f')
            return literal('false');
        if (char === 'n')
            return literal('null');
        return number();
    };
    try {
        value();
        ws();
        if (at < text.length)
            fail();
        return -1;
    }
    catch (offset) {
        if (typeof offset === 'number')
            return offset;
        throw offset;
    }
}

;// CONCATENATED MODULE: ./src/offline/source-tree.ts
// Position-aware parsing. Annotations on a pull request need the line of each policy and statement, which
// JSON.parse cannot give. The `yaml` package parses both YAML and JSON (YAML 1.2 is a superset of JSON) into nodes
// with offsets, and a LineCounter turns offsets into lines.



/** Runs a bounds check; an over-limit document becomes a failed parse with its code. */
function withinBounds(check) {
    try {
        check();
        return undefined;
    }
    catch (error) {
        if (error instanceof bounds/* DocumentBoundsError */.tq)
            return { ok: false, message: error.message, code: error.code };
        throw error;
    }
}
/** Parses YAML; the message of the first error names its line and column. */
function parseYamlTree(text, customTags = []) {
    // The composer recurses: the depth is checked on the parser's tokens first.
    const deep = withinBounds(() => (0,bounds/* checkYamlTextDepth */.ms)(text));
    if (deep)
        return deep;
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter, customTags, prettyErrors: true, uniqueKeys: false });
    const first = doc.errors[0];
    if (first) {
        const at = first.linePos?.[0];
        const reason = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        return {
            ok: false,
            message: at ? `malformed YAML at ${at.line}:${at.col}: ${reason}` : `malformed YAML: ${reason}`
        };
    }
    // Every later walk follows aliases: an alias bomb or cycle stops here.
    const expanded = withinBounds(() => (0,bounds/* checkYamlExpansion */.$7)(doc));
    if (expanded)
        return expanded;
    return { ok: true, tree: makeTree(doc, lineCounter) };
}
/**
 * Parses strict JSON: JSON.parse decides validity (YAML would accept more), the YAML parser gives positions.
 * Duplicate keys are allowed as in JSON.parse, and the last one wins everywhere in this module.
 */
function parseJsonTree(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        return { ok: false, message: jsonErrorMessage(text, error) };
    }
    // JSON.parse does not recurse; the YAML composer and every later walk do.
    const deep = withinBounds(() => (0,bounds/* checkJsonTextDepth */.lp)(text));
    if (deep)
        return deep;
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
    if (doc.errors.length > 0) {
        // Valid JSON that the YAML parser refuses: keep the values, lose the lines (every line is then 1).
        const fallback = new dist/* LineCounter */.HN();
        const plain = (0,dist/* parseDocument */.Tp)(JSON.stringify(value), { lineCounter: fallback });
        return { ok: true, tree: { doc: plain, root: plain.contents, lineAt: () => 1 }, value };
    }
    return { ok: true, tree: makeTree(doc, lineCounter), value };
}
function makeTree(doc, lineCounter) {
    return { doc, root: doc.contents, lineAt: offset => lineCounter.linePos(offset).line };
}
/** "malformed JSON at 3:5: Expected ',' or '}' after property value", the same on every Node version. */
function jsonErrorMessage(text, error) {
    const offset = jsonErrorOffset(text);
    let reason = (error instanceof Error ? error.message : String(error))
        .replace(/ in JSON at position \d+[\s\S]*$/, '')
        .replace(/, (\.\.\.)?"[\s\S]*" is not valid JSON$/, '');
    if (reason.startsWith('Unexpected token') && offset >= 0 && offset < text.length) {
        reason = `Unexpected token ${JSON.stringify(text[offset])}`;
    }
    if (offset < 0)
        return `malformed JSON: ${reason}`;
    const before = text.slice(0, offset).split('\n');
    return `malformed JSON at ${before.length}:${before[before.length - 1].length + 1}: ${reason}`;
}
/** Follows an alias (*anchor) to the node it names. */
function deref(tree, node) {
    let current = node;
    for (let hops = 0; (0,dist/* isAlias */.Vj)(current) && hops < 100; hops++)
        current = current.resolve(tree.doc);
    return current;
}
/** The last pair of a mapping whose key is `key` (JSON.parse keeps the last duplicate too). */
function findPair(tree, map, key) {
    const node = deref(tree, map);
    if (!(0,dist/* isMap */.jh)(node))
        return undefined;
    let found;
    for (const pair of node.items) {
        if ((0,dist/* isPair */.tO)(pair) && (0,dist/* isScalar */.jn)(pair.key) && String(pair.key.value) === key) {
            found = pair;
        }
    }
    return found;
}
/** The pairs of a mapping in document order, with string keys. */
function mapEntries(tree, map) {
    const node = deref(tree, map);
    if (!(0,dist/* isMap */.jh)(node))
        return [];
    return node.items
        .filter(pair => (0,dist/* isScalar */.jn)(pair.key))
        .map(pair => ({
        key: String(pair.key.value),
        pair: pair
    }));
}
/** 1-based line where a node starts, or `fallback` when it has no position. */
function lineOf(tree, node, fallback = 1) {
    const range = node?.range;
    return range ? tree.lineAt(range[0]) : fallback;
}
/** 1-based line of a pair: the line of its key (where `KeyPolicy:` or `"policy":` is written). */
function lineOfPair(tree, pair, fallback = 1) {
    return lineOf(tree, pair.key, lineOf(tree, pair.value, fallback));
}
/**
 * Lines of the statements of a policy node: one per item when Statement is a sequence, [policyLine] when it is a
 * single object (or absent, or not a collection).
 */
function statementLinesOf(tree, policyNode, policyLine) {
    const statement = findPair(tree, policyNode, 'Statement');
    const value = statement ? deref(tree, statement.value) : undefined;
    if ((0,dist/* isSeq */.oP)(value))
        return value.items.map(item => lineOf(tree, deref(tree, item), policyLine));
    return [policyLine];
}
/** The plain value of a node, with no tag interpretation (for raw policies and Terraform plans). */
function plainValue(tree, node) {
    const value = deref(tree, node);
    if (isScalar(value))
        return value.value;
    if (isMap(value)) {
        const out = {};
        for (const { key, pair } of mapEntries(tree, value))
            out[key] = plainValue(tree, pair.value);
        return out;
    }
    if (isSeq(value))
        return value.items.map(item => plainValue(tree, item));
    return null;
}


/***/ }),

/***/ 3292:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qd: () => (/* binding */ isPlainObject),
/* harmony export */   Tj: () => (/* binding */ UnresolvedCollector)
/* harmony export */ });
/* unused harmony export unresolvedValue */
/* harmony import */ var _kms_policy_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4695);
// Values that cannot be known offline (a role's !GetAtt, a parameter, a Terraform "known after apply") are kept in the
// policy as a marker string, so the evaluator sees that an unknown value, not a wrong one, decides its verdict.

/** Prefix of every unresolved value; the evaluator (src/kms/policy.ts) owns it and looks for it. */

function unresolvedValue(description) {
    return `${_kms_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .UNRESOLVED_MARKER */ .fJ}${description}}`;
}
// While resolving, an unknown value becomes a numbered placeholder. Placeholders survive string building (!Sub, !Join)
// and JSON text (a KeyPolicy given as a string), and only at the end, when the placeholder's place in the policy is
// known, does it become the marker with a description that names that place.
const PLACEHOLDER = /\$\{ec2sg:unresolved:#(\d+)\}/g;
/** Collects the unknown values met while resolving one policy. */
class UnresolvedCollector {
    what = [];
    /** A placeholder for an unknown value; `what` says what it was, e.g. "!GetAtt AppRole.Arn". */
    placeholder(what) {
        this.what.push(what);
        return `${_kms_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .UNRESOLVED_MARKER */ .fJ}#${this.what.length - 1}}`;
    }
    /**
     * Replaces every string that holds a placeholder with one marker naming what was unknown and where, e.g.
     * "!GetAtt AppRole.Arn in statement 2 Principal", and returns those descriptions in document order.
     */
    finish(policy) {
        const unresolved = [];
        const rewrite = (value, path) => {
            if (typeof value === 'string') {
                const ids = [...value.matchAll(PLACEHOLDER)].map(m => Number(m[1]));
                if (ids.length === 0)
                    return value;
                const where = describePlace(policy, path);
                const descriptions = ids.map(id => `${this.what[id] ?? 'a value'} in ${where}`);
                unresolved.push(...descriptions);
                return unresolvedValue(descriptions.join('; '));
            }
            if (Array.isArray(value))
                return value.map((item, i) => rewrite(item, [...path, i]));
            if (isPlainObject(value)) {
                const out = {};
                for (const [k, v] of Object.entries(value))
                    out[rewriteKey(k, [...path, k])] = rewrite(v, [...path, k]);
                return out;
            }
            return value;
        };
        // A key built by !Sub inside a policy string (e.g. "aws:ResourceTag/${TagName}") is unknown too.
        const rewriteKey = (key, path) => rewrite(key, path);
        return { policy: rewrite(policy, []), unresolved };
    }
}
/** "statement 2 Principal" for ['Statement', 1, 'Principal', 'AWS']; statements are numbered from 1 as people count. */
function describePlace(policy, path) {
    if (path[0] !== 'Statement')
        return path.length === 0 ? 'the policy' : `policy ${path.join('.')}`;
    const statements = isPlainObject(policy) ? policy.Statement : undefined;
    if (Array.isArray(statements)) {
        if (typeof path[1] !== 'number')
            return 'policy Statement';
        return path.length > 2 ? `statement ${path[1] + 1} ${path[2]}` : `statement ${path[1] + 1}`;
    }
    return path.length > 1 ? `statement 1 ${path[1]}` : 'policy Statement';
}
/** A JSON-like object: not an array, not null, not a class instance such as an Intrinsic call. */
function isPlainObject(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}


/***/ })

};
