export const id = 703;
export const ids = [703];
export const modules = {

/***/ 6703:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  extractTerraformModule: () => (/* binding */ extractTerraformModule)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/offline/bounds.ts
var bounds = __webpack_require__(5742);
// EXTERNAL MODULE: ./src/offline/default-policy.ts
var default_policy = __webpack_require__(69);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/offline/hcl.ts
// HashiCorp's HCL parser (the Go hcl2json, built to WebAssembly in @cdktf/hcl2json), loaded on first use only: the
// module is 6 MB of WebAssembly and only a gate with .tf files needs it.
//
// The package's own entry point reads its .wasm next to its source with __dirname, which does not exist in the
// ESM bundle (dist/), so this file does the package's few lines of glue itself: it loads the package's Go runtime
// shim, reads the same .wasm (which the bundle script copies next to dist/index.js) and calls the functions the
// Go side registers. The parsing is all HashiCorp's.






// The WebAssembly global of Node, typed here: the project's `lib` (ES2022) does not declare it.
const { WebAssembly } = globalThis;
/** The file the bundle script copies into dist/ (package.json, "bundle"). */
const BUNDLED_WASM = 'hcl2json.wasm.gz';
let bridge;
function wasmPath() {
    const bundled = (0,external_node_url_.fileURLToPath)(new URL(`./${BUNDLED_WASM}`, import.meta.url));
    if ((0,external_node_fs_.existsSync)(bundled))
        return bundled;
    // From the sources (tests): the package's own copy. The name is built so the bundler leaves it alone.
    const pkg = ['@cdktf', 'hcl2json'].join('/');
    return (0,external_node_module_.createRequire)(import.meta.url).resolve(`${pkg}/main.wasm.gz`);
}
async function loadBridge() {
    // Defines globalThis.Go (the Go project's wasm_exec.js, as the package ships it).
    await __webpack_require__.e(/* import() */ 45).then(__webpack_require__.t.bind(__webpack_require__, 3045, 23));
    const Go = globalThis.Go;
    const go = new Go();
    const bytes = (0,external_node_zlib_.gunzipSync)(await (0,promises_.readFile)(wasmPath()));
    const { instance } = await WebAssembly.instantiate(bytes, go.importObject);
    // The Go program fills this object with its functions as it starts, then waits for calls.
    const exports = {};
    globalThis.__parse_terraform_config_wasm__ = exports;
    void go.run(instance);
    return exports;
}
async function call(name, ...args) {
    bridge ??= loadBridge();
    const exports = await bridge;
    const fn = exports[name];
    if (typeof fn !== 'function')
        throw new Error(`the HCL parser has no function ${name}`);
    return new Promise((resolve, reject) => {
        fn(...args, (error, result) => error ? reject(new Error(error)) : resolve(result ?? 'null'));
    });
}
/**
 * Parses one HCL file into hcl2json's JSON: blocks as objects of arrays, literal values as JSON values, and every
 * other expression as its source text, `${...}` for an expression and the raw text for a template.
 */
async function parseHcl(filename, text) {
    (0,bounds/* checkHclTextDepth */.Y8)(text); // HashiCorp's parser recurses
    const json = JSON.parse(await call('parse', filename, text));
    (0,bounds/* checkValueDepth */.Jy)(json, 'the HCL file'); // the evaluator walks it recursively
    return json;
}
/** The syntax tree of one expression (its ranges are relative to `expression`). */
async function expressionAst(expression) {
    (0,bounds/* checkHclTextDepth */.Y8)(expression);
    const ast = JSON.parse(await call('getExpressionAst', 'expression.tf', expression));
    // A syntax tree has about two levels per level of the value it builds.
    (0,bounds/* checkValueDepth */.Jy)(ast, 'an HCL expression', 2 * bounds/* MAX_DOCUMENT_DEPTH */.RU);
    return ast;
}
/** "file.tf:2,7-3,1: Invalid expression; ..." → the line and the reason, for the gate's error message. */
function hclErrorMessage(error) {
    const text = error instanceof Error ? error.message : String(error);
    const match = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^;\]]+)(?:; ([^\]]*))?/.exec(text);
    if (!match)
        return { message: `malformed HCL: ${text.replace(/^parse config: /, '')}` };
    const detail = match[4] ? `: ${match[4].replace(/, and \d+ other diagnostic\(s\)\s*$/, '').trim()}` : '';
    return { line: Number(match[1]), message: `malformed HCL at ${match[1]}:${match[2]}: ${match[3]}${detail}` };
}

// EXTERNAL MODULE: ./src/offline/policy-result.ts
var policy_result = __webpack_require__(7375);
// EXTERNAL MODULE: ./src/offline/source-tree.ts + 1 modules
var source_tree = __webpack_require__(96);
// EXTERNAL MODULE: ./src/offline/unresolved.ts
var unresolved = __webpack_require__(3292);
;// CONCATENATED MODULE: ./src/offline/tf-eval.ts
// Terraform expressions, as far as they are known before `terraform plan`: literals, string templates, var.* (default
// or a var file), local.*, the account/partition/region data sources (from principal-arn and region), the JSON of an
// aws_iam_policy_document, and the functions key policies are written with (jsonencode, file, templatefile, ...).
// Everything else (module outputs, resource attributes, count/each, for over unknowns) becomes an unresolved
// placeholder that names the expression and its line, as CloudFormation's !GetAtt does in cfn-intrinsics.ts.




// A templated file read by file()/templatefile() is a policy or a script, not a disk image.
const MAX_READ_BYTES = 1024 * 1024;
const PLACEHOLDER_ONLY = /^\$\{ec2sg:unresolved:#\d+\}$/;
const HAS_PLACEHOLDER = /\$\{ec2sg:unresolved:#\d+\}/;
function isUnknown(value) {
    return typeof value === 'string' && PLACEHOLDER_ONLY.test(value);
}
function holdsUnknown(value) {
    return typeof value === 'string' && HAS_PLACEHOLDER.test(value);
}
function shorten(text) {
    const one = text.replace(/\s+/g, ' ').trim();
    return one.length > 80 ? `${one.slice(0, 77)}...` : one;
}
/** HCL quoted-string escapes (the spec's "Template Literals"). */
function unescapeQuoted(raw) {
    return raw
        .replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[nrt"\\])/g, (_, e) => {
        if (e[0] === 'u' || e[0] === 'U')
            return String.fromCodePoint(parseInt(e.slice(1), 16));
        return { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' }[e];
    })
        .replace(/\$\$\{/g, '${')
        .replace(/%%\{/g, '%{');
}
function unescapeHeredoc(raw) {
    return raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}
/** Evaluates the expressions of one policy; unknowns go to that policy's collector. */
class TfEvaluator {
    scope;
    collector;
    localValues = new Map();
    resolving = new Set();
    constructor(scope, collector) {
        this.scope = scope;
        this.collector = collector;
    }
    unknown(what, line) {
        return this.collector.placeholder(line === undefined ? what : `${what} (line ${line})`);
    }
    /**
     * A value as the parser returned it: literals as they are, `${expr}` and templates evaluated.
     * @param line 1-based line where the value's text starts, for the descriptions of unknowns
     */
    async value(raw, line, bindings = new Map()) {
        if (Array.isArray(raw)) {
            const out = [];
            for (const item of raw)
                out.push(await this.value(item, line, bindings));
            return out;
        }
        if ((0,unresolved/* isPlainObject */.Qd)(raw)) {
            const out = {};
            for (const [key, item] of Object.entries(raw)) {
                const name = await this.value(key, line, bindings);
                out[typeof name === 'string' ? name : this.unknown(`the key ${shorten(key)}`, line)] =
                    await this.value(item, line, bindings);
            }
            return out;
        }
        if (typeof raw !== 'string' || !/[$%]\{/.test(raw))
            return raw;
        if (raw.startsWith('${') && raw.endsWith('}')) {
            const ast = await this.parse(raw.slice(2, -1));
            if (ast)
                return this.node(ast, raw.slice(2, -1), line, bindings);
        }
        // A template: the parser keeps its source without the quotes (or a heredoc's text), escapes and all.
        const quoted = await this.parse(`"${raw}"`);
        if (quoted)
            return this.node(quoted, `"${raw}"`, line, bindings);
        return this.template(raw, line, bindings);
    }
    /** Text with ${...} interpolations, as a heredoc or a file given to templatefile() holds it. */
    async template(text, line, bindings = new Map()) {
        let marker = 'EC2SG_EOT';
        while (text.includes(marker))
            marker += '_';
        const source = `<<${marker}\n${text}${text.endsWith('\n') ? '' : '\n'}${marker}\n`;
        const ast = await this.parse(source);
        if (!ast)
            return this.unknown(`the template ${shorten(text)}`, line);
        const value = await this.node(ast, source, line === undefined ? undefined : line - 1, bindings);
        // The heredoc adds the final newline the text may not have had.
        return typeof value === 'string' && !text.endsWith('\n') ? value.replace(/\n$/, '') : value;
    }
    /** An expression given as source text (a local's or a variable's). */
    async expression(source, line, bindings = new Map()) {
        const ast = await this.parse(source);
        return ast ? this.node(ast, source, line, bindings) : this.unknown(shorten(source), line);
    }
    async parse(source) {
        try {
            return await expressionAst(source);
        }
        catch {
            return null;
        }
    }
    /** @param line 1-based line of the first line of `source` */
    async node(n, source, line, bindings) {
        const at = line === undefined ? undefined : line + n.range.start.line;
        const text = n.meta?.value ?? sliceBytes(source, n.range.start.byte, n.range.end.byte);
        const children = n.children ?? [];
        const child = (i) => children[i]
            ? this.node(children[i], source, line, bindings)
            : Promise.resolve(this.unknown(shorten(text), at));
        switch (n.type) {
            case 'literalValue':
                if (n.meta?.type === 'number')
                    return Number(n.meta.value);
                if (n.meta?.type === 'bool')
                    return n.meta.value === 'true';
                if (n.meta?.type === 'dynamic' && n.meta.value === 'null')
                    return null;
                return n.meta?.value ?? '';
            case 'template': {
                const heredoc = text.startsWith('<<');
                const parts = [];
                for (const part of children) {
                    if (part.type === 'literalValue' && part.meta?.type === 'string') {
                        const raw = part.meta.value ?? '';
                        parts.push(heredoc ? unescapeHeredoc(raw) : unescapeQuoted(raw));
                        continue;
                    }
                    const value = await this.node(part, source, line, bindings);
                    if (typeof value === 'string')
                        parts.push(value);
                    else if (typeof value === 'number' || typeof value === 'boolean')
                        parts.push(String(value));
                    else
                        parts.push(this.unknown(shorten(part.meta?.value ?? 'a value'), at));
                }
                return parts.join('');
            }
            case 'templateWrap':
            case '':
                if (children.length === 1)
                    return child(0);
                // An object key written as a bare name.
                return sliceBytes(source, n.range.start.byte, n.range.end.byte);
            case 'tuple': {
                const out = [];
                for (let i = 0; i < children.length; i++)
                    out.push(await child(i));
                return out;
            }
            case 'object': {
                const out = {};
                for (let i = 0; i + 1 < children.length; i += 2) {
                    const key = await child(i);
                    out[typeof key === 'string' ? key : this.unknown(`an object key in ${shorten(text)}`, at)] =
                        await child(i + 1);
                }
                return out;
            }
            case 'function':
                return this.call(n, source, line, bindings, at);
            case 'scopeTraversal':
                return this.traverse(n.meta?.traversal ?? [], text, bindings, at);
            case 'relativeTraversal': {
                const base = await child(0);
                return this.step(base, n.meta?.traversal ?? [], text, at);
            }
            case 'index': {
                const collection = await child(0);
                const key = await child(1);
                return this.step(collection, [{ type: 'indexTraversal', segment: JSON.stringify(key) }], text, at);
            }
            case 'conditional': {
                const condition = await child(0);
                if (typeof condition === 'boolean')
                    return child(condition ? 1 : 2);
                return this.unknown(shorten(text), at);
            }
            case 'unaryOp': {
                const value = await child(0);
                if (n.meta?.operator === 'negate' && typeof value === 'number')
                    return -value;
                if (n.meta?.operator === 'not' && typeof value === 'boolean')
                    return !value;
                return this.unknown(shorten(text), at);
            }
            case 'binaryOp': {
                const [left, right] = [await child(0), await child(1)];
                const known = (v) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
                if (!known(left) || !known(right) || holdsUnknown(left) || holdsUnknown(right))
                    return this.unknown(shorten(text), at);
                if (n.meta?.operator === 'equal')
                    return left === right;
                if (n.meta?.operator === 'notEqual')
                    return left !== right;
                return this.unknown(shorten(text), at);
            }
            case 'for':
                return this.forExpression(n, source, line, bindings, at, text);
            default:
                return this.unknown(shorten(text), at);
        }
    }
    async forExpression(n, source, line, bindings, at, text) {
        const meta = n.meta ?? {};
        const children = n.children ?? [];
        // Only `[for v in known : expr (if cond)]`; object-building for expressions stay unresolved.
        if (meta.openRangeValue !== '[' || !meta.valVar || !meta.valueExpression || !children[0])
            return this.unknown(shorten(text), at);
        const collection = await this.node(children[0], source, line, bindings);
        const entries = Array.isArray(collection)
            ? collection.map((v, i) => [i, v])
            : (0,unresolved/* isPlainObject */.Qd)(collection)
                ? Object.entries(collection)
                : [];
        if (!Array.isArray(collection) && !(0,unresolved/* isPlainObject */.Qd)(collection))
            return this.unknown(shorten(text), at);
        const out = [];
        for (const [key, value] of entries) {
            const inner = new Map(bindings);
            inner.set(meta.valVar, value);
            if (meta.keyVar)
                inner.set(meta.keyVar, key);
            if (meta.conditionalExpression) {
                const keep = await this.expression(meta.conditionalExpression, at, inner);
                if (typeof keep !== 'boolean')
                    return this.unknown(shorten(text), at);
                if (!keep)
                    continue;
            }
            out.push(await this.expression(meta.valueExpression, at, inner));
        }
        return out;
    }
    async traverse(traversal, text, bindings, at) {
        const names = traversal.map(t => t.segment);
        const [root, first, second, third] = names;
        if (bindings.has(root))
            return this.step(bindings.get(root), traversal.slice(1), text, at);
        const { ctx } = this.scope;
        if (root === 'var' && first !== undefined)
            return this.step(await this.variable(first, at), traversal.slice(2), text, at);
        if (root === 'local' && first !== undefined)
            return this.step(await this.local(first, at), traversal.slice(2), text, at);
        if (root === 'path' && ['module', 'root', 'cwd'].includes(first ?? ''))
            return '.';
        if (root === 'data' && third !== undefined) {
            const rest = traversal.slice(4);
            const body = this.scope.dataSources?.get(`${first}.${second}`);
            // provider = aws.other: another provider configuration, so maybe another account or region.
            const otherProvider = body !== undefined && body.provider !== undefined;
            if (first === 'aws_caller_identity' && third === 'account_id' && !otherProvider)
                return this.step(ctx.accountId, rest, text, at);
            if (first === 'aws_partition' && third === 'partition')
                return this.step(ctx.partition, rest, text, at);
            if (first === 'aws_region' && ['name', 'region', 'id'].includes(third) && !otherProvider) {
                const region = await this.selectedRegion(body, at);
                if (region !== undefined)
                    return this.step(region, rest, text, at);
            }
            if (first === 'aws_iam_policy_document' && (third === 'json' || third === 'minified_json')) {
                const json = await this.scope.documentJson(second, this);
                if (json !== undefined)
                    return this.step(json, rest, text, at);
            }
        }
        return this.unknown(shorten(text), at);
    }
    /**
     * The region a `data "aws_region"` block selects: its `region` (AWS provider v6) or `name` (v5) argument when set,
     * else the provider's region, which is the gate's `region` input. One selected by `endpoint` is not resolved.
     */
    async selectedRegion(body, at) {
        if (body === undefined)
            return this.scope.ctx.region;
        if (body.endpoint !== undefined)
            return undefined;
        for (const argument of ['region', 'name']) {
            if (body[argument] === undefined)
                continue;
            const value = await this.value(body[argument], at);
            return typeof value === 'string' ? value : undefined;
        }
        return this.scope.ctx.region;
    }
    /** Applies `.name` and `[key]` steps to a known value. */
    step(value, traversal, text, at) {
        let current = value;
        for (const part of traversal) {
            if (isUnknown(current))
                return current;
            let key = part.segment;
            if (part.type === 'indexTraversal') {
                try {
                    key = JSON.parse(part.segment);
                }
                catch {
                    key = part.segment;
                }
            }
            if (Array.isArray(current) && typeof key === 'number')
                current = current[key];
            else if ((0,unresolved/* isPlainObject */.Qd)(current) && typeof key === 'string' && key in current)
                current = current[key];
            else
                return this.unknown(shorten(text), at);
        }
        return current;
    }
    async variable(name, at) {
        if (this.scope.varValues.has(name))
            return this.scope.varValues.get(name);
        const declared = this.scope.varDefaults.get(name);
        if (declared && 'default' in declared)
            return this.value(declared.default, at);
        return this.unknown(declared ? `var.${name} (no default and no value in a var file)` : `var.${name} (not declared)`, at);
    }
    async local(name, at) {
        if (!this.scope.locals.has(name))
            return this.unknown(`local.${name} (not declared)`, at);
        if (this.resolving.has(name))
            return this.unknown(`local.${name} (refers to itself)`, at);
        let value = this.localValues.get(name);
        if (!value) {
            this.resolving.add(name);
            value = this.value(this.scope.locals.get(name), at);
            this.localValues.set(name, value);
            await value;
            this.resolving.delete(name);
        }
        return value;
    }
    async call(n, source, line, bindings, at) {
        const name = n.meta?.name ?? '';
        const text = shorten(n.meta?.value ?? `${name}(...)`);
        const args = [];
        for (const arg of n.children ?? [])
            args.push(await this.node(arg, source, line, bindings));
        const unknownArg = args.some(a => isUnknown(a));
        const unknown = () => this.unknown(text, at);
        switch (name) {
            case 'jsonencode':
                return args.length === 1 ? JSON.stringify(args[0] ?? null) : unknown();
            case 'jsondecode': {
                if (typeof args[0] !== 'string' || isUnknown(args[0]))
                    return unknown();
                try {
                    return JSON.parse(args[0]);
                }
                catch {
                    return unknown();
                }
            }
            case 'file':
            case 'templatefile': {
                if (typeof args[0] !== 'string' || holdsUnknown(args[0]))
                    return unknown();
                const read = await this.readWorkspaceFile(args[0]);
                if (read.error !== undefined)
                    return this.unknown(`${name}("${args[0]}"): ${read.error}`, at);
                if (name === 'file')
                    return read.text;
                const vars = (0,unresolved/* isPlainObject */.Qd)(args[1]) ? new Map(Object.entries(args[1])) : new Map();
                return this.template(read.text, undefined, vars);
            }
            case 'concat':
                return !unknownArg && args.every(Array.isArray) ? args.flat() : unknown();
            case 'flatten':
                return Array.isArray(args[0]) ? args[0].flat(Infinity) : unknown();
            case 'merge':
                return !unknownArg && args.every(a => (0,unresolved/* isPlainObject */.Qd)(a) || a === null)
                    ? Object.assign({}, ...args)
                    : unknown();
            case 'tolist':
            case 'toset':
                return Array.isArray(args[0]) ? (name === 'toset' ? [...new Set(args[0])] : args[0]) : unknown();
            case 'distinct':
                return Array.isArray(args[0]) ? [...new Set(args[0])] : unknown();
            case 'compact':
                return Array.isArray(args[0]) ? args[0].filter(v => v !== '' && v !== null) : unknown();
            case 'tostring':
                return typeof args[0] === 'string' ? args[0] : unknown();
            case 'lower':
            case 'upper':
                return typeof args[0] === 'string' && !holdsUnknown(args[0])
                    ? name === 'lower'
                        ? args[0].toLowerCase()
                        : args[0].toUpperCase()
                    : unknown();
            case 'join':
                return typeof args[0] === 'string' &&
                    Array.isArray(args[1]) &&
                    args[1].every(v => typeof v === 'string')
                    ? args[1].join(args[0])
                    : unknown();
            default:
                return unknown();
        }
    }
    /** A file of the workspace, relative to the module folder; never one outside the workspace. */
    async readWorkspaceFile(relative) {
        const target = external_node_path_default().resolve(this.scope.moduleDir, relative);
        const real = await (0,promises_.realpath)(target).catch(() => undefined);
        const root = this.scope.workspaceRoot;
        if (real === undefined)
            return { error: 'no such file in the workspace' };
        if (real !== root && !real.startsWith(root + (external_node_path_default()).sep))
            return { error: 'the file is outside the workspace' };
        const info = await (0,promises_.stat)(real);
        if (!info.isFile())
            return { error: 'not a file' };
        if (info.size > MAX_READ_BYTES)
            return { error: `the file is ${info.size} bytes; the limit is ${MAX_READ_BYTES}` };
        return { text: (await (0,promises_.readFile)(real, 'utf8')).replace(/^\uFEFF/, '') };
    }
}
function sliceBytes(text, start, end) {
    return Buffer.from(text, 'utf8').subarray(start, end).toString('utf8');
}

;// CONCATENATED MODULE: ./src/offline/tf-locate.ts
// Lines in .tf source. The HCL parser returns values without positions, so the blocks and arguments it found are
// located again in the text: a top-level block by its header (`resource "aws_kms_key" "app" {`), an argument by
// `name =` at the shallowest indentation inside that block, a nested block by `name {`. Only positions come from
// here; every value comes from the parser.
const TOP_LEVEL = /^[ \t]*(resource|data|variable|locals|module|output|provider|terraform|moved|import|check|removed)\b((?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*)[ \t]*\{/gm;
function lineAtOffset(text, offset) {
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1))
        line++;
    return line;
}
/** The top-level blocks of one file, in order; a block runs until the next one starts. */
function topLevelBlocks(text) {
    const found = [...text.matchAll(TOP_LEVEL)];
    return found.map((match, i) => ({
        kind: match[1],
        labels: [...match[2].matchAll(/"([^"\n]*)"|([A-Za-z_][\w-]*)/g)].map(m => m[1] ?? m[2]),
        line: lineAtOffset(text, match.index + (match[0].length - match[0].trimStart().length)),
        start: match.index,
        end: i + 1 < found.length ? found[i + 1].index : text.length
    }));
}
function findBlock(blocks, kind, labels) {
    return blocks.find(b => b.kind === kind && labels.every((label, i) => b.labels[i] === label));
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** The offset of `name =` (or `name = <<`) in a block, the least indented one when nested blocks repeat the name. */
function argumentOffset(text, block, name) {
    const body = text.slice(block.start, block.end);
    const pattern = new RegExp(`^([ \\t]*)${escapeRegExp(name)}[ \\t]*=(?!=)`, 'gm');
    let best;
    for (const match of body.matchAll(pattern)) {
        if (match.index === 0)
            continue; // the header itself
        const indent = match[1].replace(/\t/g, '  ').length;
        if (!best || indent < best.indent)
            best = { indent, offset: block.start + match.index + match[1].length };
    }
    return best?.offset;
}
function argumentLine(text, block, name) {
    const offset = argumentOffset(text, block, name);
    return offset === undefined ? undefined : lineAtOffset(text, offset);
}
/** Whether the argument is written as a heredoc, and the line of its `<<` (the content starts one line below). */
function heredocLine(text, block, name) {
    const offset = argumentOffset(text, block, name);
    if (offset === undefined)
        return undefined;
    const rest = text.slice(offset, block.end);
    return /^[^=]*=[ \t]*<<-?[ \t]*"?[A-Za-z_]\w*"?[ \t]*\r?\n/.test(rest)
        ? lineAtOffset(text, offset)
        : undefined;
}
/** Lines of the nested blocks `name {` of a block, in order. */
function nestedBlockLines(text, block, name) {
    const body = text.slice(block.start, block.end);
    const pattern = new RegExp(`^[ \\t]*${escapeRegExp(name)}[ \\t]*\\{`, 'gm');
    return [...body.matchAll(pattern)].map(m => lineAtOffset(text, block.start + m.index));
}
/**
 * The line where an expression's own text starts, found after its argument: the parser hands back an expression's
 * source text verbatim, so the first match after `name =` is the expression itself.
 */
function expressionLine(text, block, name, expression) {
    const offset = argumentOffset(text, block, name);
    if (offset === undefined)
        return undefined;
    const at = text.indexOf(expression, offset);
    return at < 0 || at >= block.end ? undefined : lineAtOffset(text, at);
}

;// CONCATENATED MODULE: ./src/offline/tf-policy-document.ts


const LIST_ELEMENTS = [
    ['actions', 'Action'],
    ['not_actions', 'NotAction'],
    ['resources', 'Resource'],
    ['not_resources', 'NotResource']
];
function blocks(value) {
    return Array.isArray(value) ? value.filter(unresolved/* isPlainObject */.Qd) : (0,unresolved/* isPlainObject */.Qd)(value) ? [value] : [];
}
function asList(value) {
    return Array.isArray(value) ? value : [value];
}
async function principals(list, ev, line) {
    const out = {};
    for (const block of list) {
        const type = await ev.value(block.type, line);
        const identifiers = asList(await ev.value(block.identifiers, line));
        const name = typeof type === 'string' ? type : ev.unknown('a principals type', line);
        // `type = "*", identifiers = ["*"]` is how the provider writes "Principal": "*".
        if (name === '*' && identifiers.every(i => i === '*'))
            return '*';
        out[name] = [...(out[name] ?? []), ...identifiers];
    }
    return out;
}
async function conditions(list, ev, line) {
    const out = {};
    for (const block of list) {
        const test = await ev.value(block.test, line);
        const variable = await ev.value(block.variable, line);
        const values = asList(await ev.value(block.values, line));
        const operator = typeof test === 'string' ? test : ev.unknown('a condition test', line);
        const key = typeof variable === 'string' ? variable : ev.unknown('a condition variable', line);
        out[operator] ??= {};
        out[operator][key] = [...(out[operator][key] ?? []), ...values];
    }
    return out;
}
async function statementOf(block, ev, line) {
    const statement = {};
    if (block.sid !== undefined) {
        const sid = await ev.value(block.sid, line);
        if (sid !== '')
            statement.Sid = sid;
    }
    statement.Effect = block.effect === undefined ? 'Allow' : await ev.value(block.effect, line);
    const principal = blocks(block.principals);
    if (principal.length > 0)
        statement.Principal = await principals(principal, ev, line);
    const notPrincipal = blocks(block.not_principals);
    if (notPrincipal.length > 0)
        statement.NotPrincipal = await principals(notPrincipal, ev, line);
    for (const [argument, element] of LIST_ELEMENTS) {
        if (block[argument] !== undefined)
            statement[element] = await ev.value(block[argument], line);
    }
    const condition = blocks(block.condition);
    if (condition.length > 0)
        statement.Condition = await conditions(condition, ev, line);
    return statement;
}
function merge(into, more) {
    if (typeof more.id === 'string' && more.id !== '')
        into.id = more.id;
    if (typeof more.version === 'string' && (into.version === undefined || more.version > into.version))
        into.version = more.version;
    for (const entry of more.statements) {
        const sid = entry.statement.Sid;
        const at = typeof sid === 'string' && sid !== '' ? into.statements.findIndex(s => s.statement.Sid === sid) : -1;
        if (at >= 0)
            into.statements[at] = entry;
        else
            into.statements.push(entry);
    }
}
/** The statements of policy JSON given to source_policy_documents / override_policy_documents. */
function jsonStatements(value, file, line) {
    if (typeof value !== 'string' || isUnknown(value))
        return 'the document is not known before apply';
    let parsed;
    try {
        parsed = JSON.parse(value);
    }
    catch {
        return 'the document is not valid JSON';
    }
    if (!(0,unresolved/* isPlainObject */.Qd)(parsed))
        return 'the document is not a JSON object';
    const list = Array.isArray(parsed.Statement)
        ? parsed.Statement
        : parsed.Statement === undefined
            ? []
            : [parsed.Statement];
    if (!list.every(unresolved/* isPlainObject */.Qd))
        return 'a statement of the document is not an object';
    return {
        version: parsed.Version,
        id: parsed.Id,
        statements: list.map(statement => ({ statement, file, line }))
    };
}
async function buildPolicyDocument(source, ev) {
    const { body, file } = source;
    const doc = { statements: [] };
    if ((0,unresolved/* isPlainObject */.Qd)(body.dynamic) && body.dynamic.statement !== undefined) {
        return { statements: [], unknown: `a dynamic "statement" block (line ${source.line})` };
    }
    for (const argument of ['source_policy_documents', 'source_json']) {
        if (body[argument] === undefined)
            continue;
        const line = source.argumentLine(argument);
        const documents = await ev.value(body[argument], line);
        for (const item of argument === 'source_json' ? [documents] : asList(documents)) {
            const statements = jsonStatements(item, file, line);
            if (typeof statements === 'string')
                return { statements: [], unknown: `${argument}: ${statements} (line ${line})` };
            merge(doc, statements);
        }
    }
    const own = blocks(body.statement);
    const statements = [];
    for (let i = 0; i < own.length; i++) {
        const line = source.statementLines.length === own.length ? source.statementLines[i] : source.line;
        statements.push({ statement: await statementOf(own[i], ev, line), file, line });
    }
    merge(doc, {
        version: body.version === undefined ? '2012-10-17' : await ev.value(body.version, source.line),
        id: body.policy_id === undefined ? undefined : await ev.value(body.policy_id, source.line),
        statements
    });
    for (const argument of ['override_policy_documents', 'override_json']) {
        if (body[argument] === undefined)
            continue;
        const line = source.argumentLine(argument);
        const documents = await ev.value(body[argument], line);
        for (const item of argument === 'override_json' ? [documents] : asList(documents)) {
            const statements = jsonStatements(item, file, line);
            if (typeof statements === 'string')
                return { statements: [], unknown: `${argument}: ${statements} (line ${line})` };
            merge(doc, statements);
        }
    }
    return doc;
}
/** The document as the provider's `json` attribute gives it. */
function documentPolicy(doc) {
    const policy = {};
    if (doc.version !== undefined)
        policy.Version = doc.version;
    if (doc.id !== undefined)
        policy.Id = doc.id;
    policy.Statement = doc.statements.map(s => s.statement);
    return policy;
}

;// CONCATENATED MODULE: ./src/offline/terraform-source.ts
// Terraform source (.tf): the key policies of aws_kms_key and aws_kms_key_policy, read the way Terraform reads a
// module, i.e. every .tf file of a folder together, so that a key in main.tf sees the variables of variables.tf and
// the policy documents of policies.tf. Values are resolved by tf-eval.ts; lines come from tf-locate.ts.











/** The labelled blocks of one kind and type: hcl2json gives `{ type: { name: [body, ...] } }`. */
function labelled(json, kind, type) {
    const byType = json?.[kind];
    const byName = (0,unresolved/* isPlainObject */.Qd)(byType) ? byType[type] : undefined;
    const out = [];
    if (!(0,unresolved/* isPlainObject */.Qd)(byName))
        return out;
    for (const [name, bodies] of Object.entries(byName)) {
        for (const body of Array.isArray(bodies) ? bodies : [bodies])
            if ((0,unresolved/* isPlainObject */.Qd)(body))
                out.push({ name, body });
    }
    return out;
}
async function readTfFile(root, relative) {
    const absolute = external_node_path_default().join(root, relative);
    const size = (await (0,promises_.stat)(absolute)).size;
    if (size > bounds/* MAX_DOCUMENT_BYTES */.bi)
        return { path: relative, text: '', blocks: [], error: (0,bounds/* tooLarge */.g$)(size).message };
    const text = (await (0,promises_.readFile)(absolute, 'utf8')).replace(/^\uFEFF/, '');
    try {
        return {
            path: relative,
            text,
            json: await parseHcl(external_node_path_default().basename(relative), text),
            blocks: topLevelBlocks(text)
        };
    }
    catch (error) {
        const message = error instanceof bounds/* DocumentBoundsError */.tq ? error.message : hclErrorMessage(error).message;
        return { path: relative, text, blocks: [], error: message };
    }
}
/** The .tf files of a folder, as Terraform loads them (regular files, not hidden, inside the workspace). */
async function moduleFiles(root, dir) {
    const entries = await (0,promises_.readdir)(external_node_path_default().join(root, dir), { withFileTypes: true });
    const files = [];
    for (const entry of entries) {
        if (!entry.name.endsWith('.tf') || entry.name.startsWith('.'))
            continue;
        const relative = dir === '.' ? entry.name : `${dir}/${entry.name}`;
        const real = await (0,promises_.realpath)(external_node_path_default().join(root, relative)).catch(() => undefined);
        if (real === undefined || !real.startsWith(root + (external_node_path_default()).sep) || !(await (0,promises_.stat)(real)).isFile())
            continue;
        files.push(relative);
    }
    return files.sort();
}
/** Values of a .tfvars (HCL) or .tfvars.json file. */
async function readVarFile(root, relative, into, ev) {
    const text = (await (0,promises_.readFile)(external_node_path_default().join(root, relative), 'utf8')).replace(/^\uFEFF/, '');
    let values;
    if (relative.endsWith('.json')) {
        const parsed = JSON.parse(text);
        if (!(0,unresolved/* isPlainObject */.Qd)(parsed))
            throw new Error(`${relative} is not a JSON object`);
        values = parsed;
    }
    else {
        try {
            values = await parseHcl(external_node_path_default().basename(relative), text);
        }
        catch (error) {
            throw new Error(`${relative}: ${hclErrorMessage(error).message}`);
        }
    }
    for (const [name, raw] of Object.entries(values))
        into.set(name, await ev.value(raw));
}
async function loadModule(root, dir, ctx, varFiles) {
    const files = await Promise.all((await moduleFiles(root, dir)).map(f => readTfFile(root, f)));
    const varDefaults = new Map();
    const locals = new Map();
    const documents = new Map();
    const dataSources = new Map();
    for (const file of files) {
        const variables = file.json?.variable;
        if ((0,unresolved/* isPlainObject */.Qd)(variables)) {
            for (const [name, bodies] of Object.entries(variables)) {
                const body = Array.isArray(bodies) ? bodies[0] : bodies;
                varDefaults.set(name, (0,unresolved/* isPlainObject */.Qd)(body) && 'default' in body
                    ? { declared: true, default: body.default }
                    : { declared: true });
            }
        }
        const localBlocks = file.json?.locals;
        for (const block of Array.isArray(localBlocks) ? localBlocks : [localBlocks]) {
            if ((0,unresolved/* isPlainObject */.Qd)(block))
                for (const [name, value] of Object.entries(block))
                    locals.set(name, value);
        }
        for (const { name, body } of labelled(file.json, 'data', 'aws_iam_policy_document'))
            documents.set(name, { body, file });
        for (const type of ['aws_region', 'aws_caller_identity'])
            for (const { name, body } of labelled(file.json, 'data', type))
                dataSources.set(`${type}.${name}`, body);
    }
    const scope = {
        ctx,
        workspaceRoot: root,
        moduleDir: external_node_path_default().join(root, dir),
        varValues: new Map(),
        varDefaults,
        locals,
        dataSources
    };
    // Terraform's order: terraform.tfvars, then *.auto.tfvars in name order, then the var files given, later wins.
    const names = (await (0,promises_.readdir)(external_node_path_default().join(root, dir))).sort();
    const first = names.filter(n => n === 'terraform.tfvars' || n === 'terraform.tfvars.json');
    const auto = [...first, ...names.filter(n => /\.auto\.tfvars(\.json)?$/.test(n))].map(n => dir === '.' ? n : `${dir}/${n}`);
    const loader = new TfEvaluator({ ...scope, documentJson: async () => undefined }, new unresolved/* UnresolvedCollector */.Tj());
    for (const file of [...auto, ...varFiles])
        await readVarFile(root, file, scope.varValues, loader);
    return { files, scope, documents };
}
function evaluatorFor(module) {
    const collector = new unresolved/* UnresolvedCollector */.Tj();
    const built = new Map();
    const building = new Set();
    const documentOf = (name, ev) => {
        let doc = built.get(name);
        if (!doc) {
            const declared = module.documents.get(name);
            if (!declared || building.has(name))
                return Promise.resolve(undefined);
            building.add(name);
            doc = buildPolicyDocument(documentSource(declared.file, name, declared.body), ev);
            built.set(name, doc);
        }
        return doc;
    };
    const ev = new TfEvaluator({
        ...module.scope,
        documentJson: async (name, evaluator) => {
            const doc = await documentOf(name, evaluator);
            if (!doc)
                return undefined;
            return doc.unknown !== undefined
                ? evaluator.unknown(doc.unknown)
                : JSON.stringify(documentPolicy(doc));
        }
    }, collector);
    return { ev, collector, documentOf };
}
function documentSource(file, name, body) {
    const block = findBlock(file.blocks, 'data', ['aws_iam_policy_document', name]);
    const line = block?.line ?? 1;
    return {
        body,
        file: file.path,
        line,
        statementLines: block ? nestedBlockLines(file.text, block, 'statement') : [],
        argumentLine: (argument) => (block ? (argumentLine(file.text, block, argument) ?? line) : line)
    };
}
/** `data.aws_iam_policy_document.NAME.json` written alone: the document's statements keep their own lines. */
function documentReference(raw) {
    return typeof raw === 'string'
        ? /^\$\{\s*data\.aws_iam_policy_document\.([A-Za-z_][\w-]*)\.(?:minified_)?json\s*\}$/.exec(raw)?.[1]
        : undefined;
}
/** The whole policy could not be known, or its statements are not objects: judge it as UNRESOLVED. */
function unknownStructure(policy) {
    if (!(0,unresolved/* isPlainObject */.Qd)(policy))
        return true;
    const statements = policy.Statement;
    if (statements === undefined || isUnknown(statements))
        return true;
    return Array.isArray(statements) && statements.some(s => !(0,unresolved/* isPlainObject */.Qd)(s));
}
async function keyPolicy(module, file, name, raw, block) {
    const line = (block && argumentLine(file.text, block, 'policy')) ?? block?.line ?? 1;
    const { ev, collector, documentOf } = evaluatorFor(module);
    const documentName = documentReference(raw);
    if (documentName !== undefined) {
        const doc = await documentOf(documentName, ev);
        if (doc && doc.unknown === undefined) {
            return (0,policy_result/* extractedPolicy */.z)({
                name,
                line,
                policy: documentPolicy(doc),
                statementLines: doc.statements.map(s => (s.file === file.path ? s.line : line)),
                collector
            });
        }
    }
    const value = await ev.value(raw, line);
    if (typeof value !== 'string' || isUnknown(value)) {
        return (0,policy_result/* extractedPolicy */.z)({ name, line, policy: unknownStructure(value) ? null : value, collector });
    }
    const parsed = (0,source_tree/* parseJsonTree */.U0)(value);
    if (!parsed.ok) {
        if (holdsUnknown(value))
            return (0,policy_result/* extractedPolicy */.z)({ name, line, policy: null, collector });
        return (0,policy_result/* extractedPolicy */.z)({ name, line, policy: null, unresolved: [`policy of ${name}: ${parsed.message}`] });
    }
    const policy = unknownStructure(parsed.value) ? null : parsed.value;
    return (0,policy_result/* extractedPolicy */.z)({
        name,
        line,
        policy,
        statementLines: await statementLines(file, block, raw, parsed, line),
        collector
    });
}
/** Lines of the statements in the .tf file: inside a heredoc, or inside jsonencode({...}). */
async function statementLines(file, block, raw, parsed, line) {
    if (!block || typeof raw !== 'string')
        return undefined;
    const heredoc = heredocLine(file.text, block, 'policy');
    if (heredoc !== undefined)
        return (0,source_tree/* statementLinesOf */.eQ)(parsed.tree, parsed.tree.root, 1).map(inner => heredoc + inner);
    const encoded = /^\$\{(jsonencode\([\s\S]*\))\}$/.exec(raw)?.[1];
    if (encoded === undefined)
        return undefined;
    const start = expressionLine(file.text, block, 'policy', encoded);
    if (start === undefined)
        return undefined;
    const ast = await expressionAst(encoded).catch(() => null);
    const object = ast?.children?.[0];
    if (object?.type !== 'object')
        return undefined;
    const children = object.children ?? [];
    for (let i = 0; i + 1 < children.length; i += 2) {
        const key = Buffer.from(encoded)
            .subarray(children[i].range.start.byte, children[i].range.end.byte)
            .toString();
        if (key.replace(/^"|"$/g, '') !== 'Statement')
            continue;
        const value = children[i + 1];
        if (value.type !== 'tuple')
            return [start + value.range.start.line];
        return (value.children ?? []).map(s => start + s.range.start.line);
    }
    return [line];
}
/** Whether an aws_kms_key_policy of the module sets this key's policy (its key_id refers to aws_kms_key.NAME). */
function setBySeparatePolicy(module, keyName) {
    const reference = new RegExp(`\\baws_kms_key\\.${keyName}\\b`);
    return module.files.some(file => labelled(file.json, 'resource', 'aws_kms_key_policy').some(({ body }) => typeof body.key_id === 'string' && reference.test(body.key_id)));
}
/**
 * Reads the module in `dir` and returns a result for each of `reported` (its .tf files that the globs matched).
 * @param root the workspace's real path
 */
async function extractTerraformModule(root, dir, reported, ctx, varFiles) {
    const module = await loadModule(root, dir, ctx, varFiles);
    const results = new Map();
    for (const file of module.files.filter(f => reported.includes(f.path))) {
        if (file.error !== undefined) {
            results.set(file.path, { kind: 'error', message: file.error });
            continue;
        }
        const policies = [];
        for (const type of ['aws_kms_key', 'aws_kms_key_policy']) {
            for (const { name, body } of labelled(file.json, 'resource', type)) {
                const address = `${type}.${name}`;
                const block = findBlock(file.blocks, 'resource', [type, name]);
                if (body.policy !== undefined && body.policy !== null) {
                    policies.push(await keyPolicy(module, file, address, body.policy, block));
                }
                else if (type === 'aws_kms_key' && !setBySeparatePolicy(module, name)) {
                    // KMS gives a key created without a policy its default policy (how-ec2-uses-kms.md 3.1).
                    const line = block?.line ?? 1;
                    policies.push((0,policy_result/* extractedPolicy */.z)({
                        name: `${address} (default policy)`,
                        line,
                        policy: (0,default_policy/* createKeyDefaultPolicy */.t)(ctx.accountId, ctx.partition),
                        statementLines: [line]
                    }));
                }
            }
        }
        // The parser orders blocks by name; the report follows the file.
        policies.sort((a, b) => a.line - b.line);
        results.set(file.path, policies.length === 0
            ? { kind: 'skipped', reason: 'Terraform file has no aws_kms_key or aws_kms_key_policy' }
            : { kind: 'policies', format: 'terraform-source', policies });
    }
    for (const file of reported) {
        if (!results.has(file))
            results.set(file, { kind: 'skipped', reason: 'not a regular .tf file of its folder' });
    }
    return results;
}


/***/ })

};
