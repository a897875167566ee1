#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 5835:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  dz: () => (/* binding */ InputError),
  U4: () => (/* binding */ describeFilterGroups),
  Ko: () => (/* binding */ readInputs)
});

// UNUSED EXPORTS: LIMITS, parseFilters, parseInstanceIds

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./src/report-inputs.ts
// The inputs that say where the findings go besides the log and the job summary: a SARIF file, a comment on the
// pull request. Pure, like readInputs(), which calls this with its checked getter.


function show(value) {
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}
/** A file path in the workspace: relative to it, or absolute inside it; never the workspace itself or a folder. */
function parseSarifFile(raw, workspace) {
    const value = raw.trim();
    if (value === '')
        return undefined;
    const bad = (why) => new InputError('sarif-file', `Input 'sarif-file' has ${show(value)}, which ${why}.`);
    if (/[\\/]$/.test(value) || /(^|[\\/])\.{1,2}$/.test(value))
        throw bad('names a folder, not a file');
    const path = (0,external_node_path_.resolve)(workspace, value);
    const rel = (0,external_node_path_.relative)((0,external_node_path_.resolve)(workspace), path);
    if (rel === '' || rel === '..' || rel.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(rel)) {
        throw bad(`is outside the workspace (${workspace}); give a path inside it, e.g. results/ec2-start-guard.sarif`);
    }
    return path;
}
function parseFlag(name, raw) {
    const value = raw.trim();
    if (value === '' || ['false', 'False', 'FALSE'].includes(value))
        return false;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    throw new InputError(name, `Input '${name}' has ${show(value)}; expected true or false.`);
}
function readReportInputs(text, env) {
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const sarifFile = parseSarifFile(text('sarif-file'), workspace);
    if (!parseFlag('comment-on-pr', text('comment-on-pr')))
        return { sarifFile };
    // Read only when asked for: the token stays out of memory otherwise. Its value is never shown in a message.
    const token = text('github-token').trim();
    if (token === '') {
        throw new InputError('github-token', `Input 'github-token' is empty but comment-on-pr is true; leave it at its default (\${{ github.token }}) or pass a token with pull-requests: write.`);
    }
    if (/\s/.test(token)) {
        throw new InputError('github-token', `Input 'github-token' contains white space; a token has none.`);
    }
    return { sarifFile, prComment: { token } };
}

// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __nccwpck_require__(7194);
;// CONCATENATED MODULE: ./src/inputs.ts
// readInputs(): parse and validate every input before any AWS call. Pure: the caller passes the getter.


class InputError extends Error {
    input;
    /** Every input that has a problem, in the order read; `input` is the first. */
    inputs;
    constructor(input, message, inputs = [input]) {
        super(message);
        this.input = input;
        this.name = 'InputError';
        this.inputs = inputs;
    }
}
/** One error for several: a user fixes them all in one edit instead of meeting them one rerun at a time. */
function combine(errors) {
    if (errors.length === 1)
        return errors[0];
    const inputs = [...new Set(errors.flatMap(e => e.inputs))];
    return new InputError(inputs[0], errors.map(e => e.message).join(' '), inputs);
}
/** "a", "a and b", "a, b and c". */
function andList(items) {
    return items.length <= 1
        ? items.join('')
        : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
// Bounds keep a typo (or a hostile PR) from turning into thousands of API calls or a huge log.
const LIMITS = {
    instanceIds: 1000,
    filters: 50, // EC2's own limit, per group (one call)
    filterGroups: 20, // one DescribeInstances per group
    filterValues: 200, // EC2's own limit
    filterValueLength: 255, // EC2's own limit
    policyGlobs: 50,
    inputLength: 32_768,
    timeoutSeconds: 6 * 3600, // a GitHub-hosted job cannot run longer
    diagnosisTimeoutSeconds: 3600,
    regions: 30,
    accounts: 20
};
const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const PRINCIPAL_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:(?:role|user)\/[\w+=,.@/-]{1,512}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
// Tabs, CR and LF are the only control characters a multi-line input may carry.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
function inputs_show(value) {
    // Redacted before the cut: a credential pasted into the wrong input must not print half of itself.
    return JSON.stringify((0,secrets/* cutRedacted */.xX)(value, 80));
}
function oneOf(name, raw, allowed, fallback) {
    const value = raw.trim() === '' ? fallback : raw.trim();
    if (!allowed.includes(value)) {
        throw new InputError(name, `Input '${name}' has ${inputs_show(value)}; expected one of: ${allowed.join(', ')}.`);
    }
    return value;
}
function readRaw(get, name, multiline) {
    const value = get(name) ?? '';
    if (value.length > LIMITS.inputLength) {
        throw new InputError(name, `Input '${name}' is ${value.length} characters long; the limit is ${LIMITS.inputLength}.`);
    }
    const bad = CONTROL_CHARS.exec(value) ?? (multiline ? null : /[\r\n]/.exec(value));
    if (bad) {
        const code = bad[0].charCodeAt(0).toString(16).padStart(2, '0');
        throw new InputError(name, `Input '${name}' contains a control character (0x${code}); remove it.`);
    }
    return value;
}
function parseInstanceIds(raw) {
    const ids = [];
    const bad = [];
    for (const token of raw.split(/[\s,]+/)) {
        if (token === '')
            continue;
        const list = INSTANCE_ID.test(token) ? ids : bad;
        if (!list.includes(token))
            list.push(token);
    }
    if (bad.length > 0) {
        throw new InputError('instance-ids', `Input 'instance-ids' has ${andList(bad.map(inputs_show))}, which ${bad.length === 1 ? 'is not an instance ID' : 'are not instance IDs'} (expected i- followed by 8 or 17 lower-case hex digits).`);
    }
    if (ids.length > LIMITS.instanceIds) {
        throw new InputError('instance-ids', `Input 'instance-ids' lists ${ids.length} instances; the limit is ${LIMITS.instanceIds}. Use filters for larger fleets.`);
    }
    return ids;
}
/** One line of `filters`, Name=Value1,Value2, or why it is not one. */
function parseFilterLine(source) {
    const eq = source.indexOf('=');
    const name = eq > 0 ? source.slice(0, eq).trim() : '';
    const values = eq > 0
        ? source
            .slice(eq + 1)
            .split(',')
            .map(v => v.trim())
        : [];
    if (name === '' || values.length === 0 || values.some(v => v === '')) {
        return `${inputs_show(source)} is not Name=Value1,Value2 (e.g. tag:env=ci or instance-type=t3.micro,t3.small)`;
    }
    if (values.length > LIMITS.filterValues) {
        return `${inputs_show(name)} has ${values.length} values; EC2 accepts ${LIMITS.filterValues}`;
    }
    const long = values.filter(v => v.length > LIMITS.filterValueLength);
    if (long.length > 0) {
        return `${long.length === 1 ? 'the value' : 'the values'} ${andList(long.map(inputs_show))} ${long.length === 1 ? 'is' : 'are'} longer than ${LIMITS.filterValueLength} characters`;
    }
    return { name, values: [...new Set(values)], source };
}
/**
 * Tag groups: groups are separated by a blank line or a `---` line (several in a row count as one); the lines of a
 * group are ANDed (one DescribeInstances call per group, as EC2 ANDs its filters) and the groups are ORed. Every bad
 * line is named, with its group, in one error.
 */
function parseFilters(raw) {
    const lines = [];
    let group = 0;
    let open = false;
    for (const line of raw.split(/\r?\n/)) {
        const source = line.trim();
        if (source.startsWith('#'))
            continue;
        if (source === '' || /^-{3,}$/.test(source)) {
            open = false;
            continue;
        }
        if (!open) {
            group++;
            open = true;
        }
        lines.push({ group, source });
    }
    const groups = Array.from({ length: group }, () => []);
    const bad = [];
    for (const { group: g, source } of lines) {
        const parsed = parseFilterLine(source);
        if (typeof parsed === 'string')
            bad.push(group > 1 ? `group ${g}: ${parsed}` : parsed);
        else
            groups[g - 1].push(parsed);
    }
    groups.forEach((filters, i) => {
        if (filters.length > LIMITS.filters) {
            bad.push(`${group > 1 ? `group ${i + 1} ` : ''}has ${filters.length} lines; EC2 accepts at most ${LIMITS.filters} filters in one call`);
        }
    });
    if (group > LIMITS.filterGroups) {
        bad.push(`it has ${group} groups; the limit is ${LIMITS.filterGroups}`);
    }
    if (bad.length > 0) {
        throw new InputError('filters', `Input 'filters': ${bad.join('; ')}.`);
    }
    return groups;
}
/** How a selection reads in the summary: "group 1: tag:env=ci AND tag:team=qa; group 2: tag:role=db". */
function describeFilterGroups(groups) {
    const and = (g) => g.map(f => f.source).join(' AND ');
    return groups.length === 1 ? and(groups[0]) : groups.map((g, i) => `group ${i + 1}: ${and(g)}`).join('; ');
}
function parseSeconds(name, raw, fallback, limit) {
    const value = raw.trim() === '' ? String(fallback) : raw.trim();
    if (!/^\d+$/.test(value) || Number(value) <= 0) {
        throw new InputError(name, `Input '${name}' has ${inputs_show(value)}; expected a whole number of seconds greater than 0.`);
    }
    const seconds = Number(value);
    if (seconds > limit) {
        throw new InputError(name, `Input '${name}' has ${seconds}; the most it can be is ${limit}.`);
    }
    return seconds;
}
function parseBoolean(name, raw, fallback) {
    const value = raw.trim();
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new InputError(name, `Input '${name}' has ${inputs_show(value)}; expected true or false.`);
}
function parseRegion(raw, env) {
    const value = raw.trim() || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || '';
    if (value === '') {
        throw new InputError('region', `Input 'region' is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set; set region: us-east-1 (for example).`);
    }
    if (!REGION.test(value)) {
        throw new InputError('region', `Input 'region' has ${inputs_show(value)}, which is not an AWS region name (e.g. us-east-1).`);
    }
    return value;
}
/** regions: comma/newline separated; duplicates dropped; every bad name listed. Empty: [] (region decides). */
function parseRegions(raw) {
    const regions = [];
    const bad = [];
    for (const token of raw.split(/[\s,]+/)) {
        if (token === '')
            continue;
        if (!REGION.test(token))
            bad.push(inputs_show(token));
        else if (!regions.includes(token))
            regions.push(token);
    }
    if (bad.length > 0) {
        throw new InputError('regions', `Input 'regions' has ${bad.join(', ')}, which ${bad.length === 1 ? 'is not an AWS region name' : 'are not AWS region names'} (e.g. us-east-1, eu-west-1).`);
    }
    if (regions.length > LIMITS.regions) {
        throw new InputError('regions', `Input 'regions' lists ${regions.length} regions; the limit is ${LIMITS.regions}.`);
    }
    return regions;
}
/** role-to-assume: one role ARN per account, separated by commas or newlines; every bad one listed. */
function parseRoles(raw) {
    const roles = [];
    const bad = [];
    const accounts = new Map();
    for (const token of raw.split(/[\s,]+/)) {
        if (token === '')
            continue;
        if (!ROLE_ARN.test(token)) {
            bad.push(`${inputs_show(token)}, which is not an IAM role ARN (arn:aws:iam::111122223333:role/name)`);
            continue;
        }
        const account = token.split(':')[4];
        const other = accounts.get(account);
        if (other !== undefined && other !== token) {
            bad.push(`${inputs_show(token)} and ${inputs_show(other)}, two roles of account ${account} (give one role per account)`);
            continue;
        }
        accounts.set(account, token);
        if (!roles.includes(token))
            roles.push(token);
    }
    if (bad.length > 0)
        throw new InputError('role-to-assume', `Input 'role-to-assume' has ${bad.join('; ')}.`);
    if (roles.length > LIMITS.accounts) {
        throw new InputError('role-to-assume', `Input 'role-to-assume' lists ${roles.length} roles; the limit is ${LIMITS.accounts}.`);
    }
    return roles;
}
function parseGlobs(raw, name = 'key-policy-files') {
    const globs = raw
        .split(/\r?\n/)
        .map(g => g.trim())
        .filter(g => g !== '' && !g.startsWith('#'));
    if (globs.length > LIMITS.policyGlobs) {
        throw new InputError(name, `Input '${name}' has ${globs.length} globs; the limit is ${LIMITS.policyGlobs}.`);
    }
    return globs;
}
/** Var files are HCL (.tfvars) or JSON (.tfvars.json); anything else is a mistake worth naming. */
function parseVarFiles(raw, offline) {
    const globs = parseGlobs(raw, 'terraform-var-files');
    const bad = globs.filter(g => !/\.tfvars(\.json)?$/.test(g.replace(/^!/, '')));
    if (bad.length > 0) {
        throw new InputError('terraform-var-files', `Input 'terraform-var-files' has ${bad.map(inputs_show).join(', ')}; each line must name .tfvars or .tfvars.json files.`);
    }
    if (globs.length > 0 && !offline) {
        throw new InputError('terraform-var-files', `Input 'terraform-var-files' is only used with key-policy-files (the offline gate reads .tf files).`);
    }
    return globs;
}
function optionalArn(name, raw, pattern, what) {
    const value = raw.trim();
    if (value === '')
        return undefined;
    if (!pattern.test(value)) {
        throw new InputError(name, `Input '${name}' has ${inputs_show(value)}, which is not ${what}.`);
    }
    return value;
}
function readInputs(get, env = {}) {
    const text = (name, multiline = false) => readRaw(get, name, multiline);
    // Every input is read even after one is bad, so the one error names them all; a bad input reads as its
    // default, and a check across inputs is only made when the inputs it looks at are good.
    const errors = [];
    const read = (parse, fallback) => {
        try {
            return parse();
        }
        catch (err) {
            if (!(err instanceof InputError))
                throw err;
            errors.push(err);
            return fallback;
        }
    };
    const bad = (...names) => errors.some(e => e.inputs.some(i => names.includes(i)));
    const refuse = (input, message) => errors.push(new InputError(input, message));
    const instanceIds = read(() => parseInstanceIds(text('instance-ids', true)), []);
    const filters = read(() => parseFilters(text('filters', true)), []);
    const keyPolicyFiles = read(() => parseGlobs(text('key-policy-files', true)), []);
    const offline = keyPolicyFiles.length > 0;
    const terraformVarFiles = read(() => parseVarFiles(text('terraform-var-files', true), offline || bad('key-policy-files')), []);
    const principalArn = read(() => optionalArn('principal-arn', text('principal-arn'), PRINCIPAL_ARN, 'an IAM role or user ARN (arn:aws:iam::111122223333:role/ci-start-role)'), undefined);
    const mode = offline
        ? 'check'
        : read(() => oneOf('mode', text('mode'), ['start', 'check'], 'start'), 'start');
    const fix = read(() => oneOf('fix', text('fix'), ['off', 'suggest', 'apply'], 'suggest'), 'suggest');
    const waitFor = read(() => oneOf('wait-for', text('wait-for'), ['running', 'status-ok', 'none'], 'running'), 'running');
    const timeoutSeconds = read(() => parseSeconds('timeout-seconds', text('timeout-seconds'), 300, LIMITS.timeoutSeconds), 300);
    const diagnosisTimeoutSeconds = read(() => parseSeconds('diagnosis-timeout-seconds', text('diagnosis-timeout-seconds'), 60, LIMITS.diagnosisTimeoutSeconds), 60);
    const unreadablePolicy = read(() => oneOf('unreadable-policy', text('unreadable-policy'), ['fail', 'warn'], 'fail'), 'fail');
    const listed = read(() => parseRegions(text('regions', true)), []);
    const regions = listed.length > 0 ? listed : [read(() => parseRegion(text('region'), env), '')];
    if (listed.length > 0 && text('region').trim() !== '') {
        refuse('regions', `Inputs 'region' and 'regions' are both set; use regions alone (region is the one-region form).`);
    }
    const region = regions[0];
    const rolesToAssume = read(() => parseRoles(text('role-to-assume', true)), []);
    const roleToAssume = rolesToAssume[0];
    const roleSessionName = read(() => {
        const value = text('role-session-name').trim() || 'GitHubActions';
        if (!SESSION_NAME.test(value)) {
            throw new InputError('role-session-name', `Input 'role-session-name' has ${inputs_show(value)}; use 2 to 64 characters from letters, digits and +=,.@_-.`);
        }
        return value;
    }, 'GitHubActions');
    const audience = read(() => {
        const value = text('audience').trim() || 'sts.amazonaws.com';
        if (value.length > 255 || /\s/.test(value)) {
            throw new InputError('audience', `Input 'audience' has ${inputs_show(value)}; expected one token of at most 255 characters.`);
        }
        return value;
    }, 'sts.amazonaws.com');
    const stopOnPost = read(() => parseBoolean('stop-on-post', text('stop-on-post'), false), false);
    // The report inputs check their own values; their error joins the others.
    const reporting = read(() => readReportInputs(name => text(name), env), {});
    if (offline) {
        if (!principalArn && !bad('principal-arn')) {
            refuse('principal-arn', `Input 'principal-arn' is required with key-policy-files: name the role that will start the instances.`);
        }
        if (instanceIds.length > 0 || filters.length > 0) {
            refuse('key-policy-files', `Input 'key-policy-files' runs offline with no AWS call, so it cannot be combined with instance-ids or filters; use two steps.`);
        }
    }
    else if (instanceIds.length === 0 &&
        filters.length === 0 &&
        !bad('instance-ids', 'filters', 'key-policy-files')) {
        refuse('instance-ids', `Inputs 'instance-ids' and 'filters' are both empty; give at least one.`);
    }
    const pairs = regions.length * Math.max(1, rolesToAssume.length);
    if (pairs > 1 && instanceIds.length > 0) {
        refuse('instance-ids', `Input 'instance-ids' cannot be used with ${regions.length} region(s) and ${Math.max(1, rolesToAssume.length)} account(s): an instance ID exists in one region of one account, and DescribeInstances fails a whole call for an ID it cannot see. Select the fleet with filters (each (account, region) pair runs them), or use one step per region.`);
    }
    if (pairs > 1 && principalArn && rolesToAssume.length > 1) {
        refuse('principal-arn', `Input 'principal-arn' names one principal, but role-to-assume lists ${rolesToAssume.length} accounts; leave principal-arn empty (each account's caller is found with sts:GetCallerIdentity).`);
    }
    if (mode === 'check' && fix === 'apply') {
        refuse('fix', `Input 'fix' is 'apply' but mode is 'check', which never changes anything; use fix: suggest, or mode: start.`);
    }
    if (mode === 'check' && stopOnPost) {
        refuse('stop-on-post', `Input 'stop-on-post' is true but mode 'check' starts nothing, so there is nothing to stop.`);
    }
    if (errors.length > 0)
        throw combine(errors);
    return {
        instanceIds,
        filters,
        region,
        regions,
        mode,
        fix,
        waitFor,
        timeoutSeconds,
        diagnosisTimeoutSeconds,
        unreadablePolicy,
        roleToAssume,
        rolesToAssume,
        roleSessionName,
        audience,
        stopOnPost,
        keyPolicyFiles,
        terraformVarFiles,
        principalArn,
        offline,
        ...reporting
    };
}


/***/ }),

/***/ 7050:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  ni: () => (/* binding */ adviceShownBelow),
  nH: () => (/* binding */ buildFindings),
  iP: () => (/* binding */ ranAfterOurStart)
});

// UNUSED EXPORTS: RUN_CODES, keyLabel, listInstances, sentence

// EXTERNAL MODULE: ./src/report/links.ts
var links = __nccwpck_require__(3303);
// EXTERNAL MODULE: ./src/report/state-reason.ts
var state_reason = __nccwpck_require__(6916);
;// CONCATENATED MODULE: ./src/report/verdicts.ts

const VERDICTS = {
    ALLOW: {
        live: 'pass',
        offline: 'pass',
        title: 'KMS key policy lets EC2 use the key',
        fixable: false,
        anchor: 'allow'
    },
    ALLOW_IF_IAM: {
        live: 'iam',
        offline: 'notice',
        title: "Only the caller's IAM policy can allow kms:CreateGrant",
        fixable: true,
        anchor: 'allow-if-iam'
    },
    DENY_EXPLICIT: {
        live: 'error',
        offline: 'error',
        title: 'KMS key policy denies EC2 the grant',
        fixable: false,
        anchor: 'deny-explicit'
    },
    DENY_IMPLICIT: {
        live: 'error',
        offline: 'error',
        title: 'KMS key policy does not let EC2 create a grant',
        fixable: true,
        anchor: 'deny-implicit'
    },
    KEY_STATE: {
        live: 'error',
        offline: 'error',
        title: 'KMS key is not usable',
        fixable: false,
        anchor: 'key-state'
    },
    AWS_MANAGED: {
        live: 'pass',
        offline: 'pass',
        title: 'AWS managed key',
        fixable: false,
        anchor: 'aws-managed'
    },
    CROSS_ACCOUNT_UNREADABLE: {
        live: 'warning',
        offline: 'warning',
        title: "Another account's KMS key: its policy cannot be read",
        fixable: false,
        anchor: 'cross-account-unreadable'
    },
    CANNOT_EVALUATE: {
        live: 'warning',
        offline: 'warning',
        title: 'KMS key policy could not be evaluated',
        fixable: false,
        anchor: 'cannot-evaluate'
    },
    UNRESOLVED: {
        live: 'warning',
        offline: 'warning',
        title: 'Key policy has a value that could not be resolved',
        fixable: false,
        anchor: 'unresolved'
    }
};
/** The title of a key whose key policy would let EC2 in but whose caller's IAM policies do not. */
const IAM_DENIES_TITLE = 'IAM policy does not allow kms:CreateGrant';
/** The row of a verdict; a verdict added to src/kms but not here still renders, as a warning. */
function verdictInfo(verdict) {
    return (VERDICTS[verdict] ?? {
        live: 'warning',
        offline: 'warning',
        title: `KMS key ${verdict}`,
        fixable: false,
        anchor: verdict.toLowerCase().replace(/_/g, '-')
    });
}
function verdictLink(verdict) {
    return `${TROUBLESHOOTING_URL}#${verdictInfo(verdict).anchor}`;
}
/**
 * Key findings more specific than their verdict (KeyVerdict.finding): the verdict keeps its level; the finding
 * gives the title and the troubleshooting section.
 */
const KEY_FINDINGS = {
    EC2_DECRYPT_DENIED: {
        title: () => "KMS key policy denies EC2's own Decrypt",
        anchor: 'ec2-decrypt-denied'
    },
    PRINCIPAL_ARN_FORMS_DISAGREE: {
        title: () => "The two documented forms of EC2's principal ARN get different answers",
        anchor: 'principal-arn-forms-disagree'
    },
    ROLE_PATH_ASSUMED: {
        title: verdictTitle => `${verdictTitle} (judged with the role on path /)`,
        anchor: 'role-path-assumed'
    }
};
/** The row that renders a verdict: the verdict's own, with the title and section of its finding when it has one. */
function findingInfo(verdict) {
    const info = verdictInfo(verdict.verdict);
    const finding = verdict.finding ? KEY_FINDINGS[verdict.finding] : undefined;
    return finding ? { ...info, title: finding.title(info.title), anchor: finding.anchor } : info;
}
function findingLink(verdict) {
    return `${links/* TROUBLESHOOTING_URL */.ns}#${findingInfo(verdict).anchor}`;
}

;// CONCATENATED MODULE: ./src/report/findings.ts



// Where the statement to add, or a Deny's before and after, is shown. An annotation, the SARIF log and the PR comment
// point to the job summary; the summary and the CLI print them themselves, further down (adviceShownBelow).
const SEE_STATEMENT = '(see the job summary)';
const SEE_BEFORE_AFTER = '(before and after in the job summary)';
/** A finding's advice as written where the fix statements follow below it: the job summary and the CLI. */
function adviceShownBelow(advice) {
    return advice.map(a => a.replace(SEE_STATEMENT, '(below)').replace(SEE_BEFORE_AFTER, '(before and after below)'));
}
/** Codes of findings that are neither a verdict nor an instance failure kind. */
const RUN_CODES = {
    /** A problem of the run itself (a glob that matched nothing, a fatal error): fails the step. */
    problem: 'RUN_PROBLEM',
    /** Something to know about the run that does not fail it. */
    warning: 'RUN_WARNING',
    fileUnreadable: 'POLICY_FILE_UNREADABLE',
    /** An instance that failed in a way the poller did not classify. */
    instanceFailed: 'INSTANCE_FAILED'
};
const SHOWN_INSTANCES = 5;
/** Reasons are clauses; in a message that goes on, they end with a full stop. */
function sentence(text) {
    const t = text.trim();
    return t === '' || /[.!?]$/.test(t) ? t : `${t}.`;
}
function keyLabel(key) {
    return key.alias ? `${key.alias} (${key.arn})` : key.arn;
}
function instanceLabel(i) {
    return i.name ? `${i.id} (${i.name})` : i.id;
}
/** "i-1 (web), i-2 (db) and 28 more": the first ones and a count. */
function listInstances(refs, shown = SHOWN_INSTANCES) {
    const labels = refs.slice(0, shown).map(instanceLabel);
    if (refs.length <= shown)
        return labels.join(', ');
    return `${labels.join(', ')} and ${refs.length - shown} more`;
}
function plural(n, one, many = `${one}s`) {
    return `${n} ${n === 1 ? one : many}`;
}
/** A stop that a key can cause: EC2 put the instance back to stopped (how-ec2-uses-kms.md 1.1). */
function stoppedAfterStart(i) {
    return (i.outcome === 'failed' && (i.failureKind === 'stopped-after-start' || i.failureKind === 'not-running'));
}
/** AWS showed this instance running after this step started it: proof its keys work for this start. */
function ranAfterOurStart(i) {
    return i.startedByThisStep && (i.outcome === 'running' || i.outcome === 'status-ok');
}
/** A misconfigured key fails the step unless AWS showed it working (then the verdict disagrees with AWS). */
function keyBlocks(key) {
    return key.status === 'misconfigured' && !key.disagreement;
}
const refOf = (i) => ({ id: i.instanceId, name: i.name });
const listOf = (instances) => listInstances(instances.map(refOf));
function keyEvidence(key, instances, report) {
    const stopped = instances.filter(stoppedAfterStart);
    const requested = instances.filter(i => i.outcome === 'start-requested' && i.startedByThisStep);
    const before = instances.filter(i => !i.startedByThisStep && i.outcome !== 'failed' && i.outcome !== 'checked');
    const checked = instances.filter(i => i.outcome === 'checked');
    const evidence = [];
    if (stopped.length > 0)
        evidence.push(`It stopped ${plural(stopped.length, 'instance')} right after the start: ${listOf(stopped)}.`);
    if (key.status !== 'ok' && checked.length > 0)
        evidence.push(`It would stop ${plural(checked.length, 'instance')} on start: ${listOf(checked)}.`);
    if (requested.length > 0)
        evidence.push(`${listOf(requested)} ${requested.length === 1 ? 'was' : 'were'} only asked to start (wait-for: none): AWS showed nothing that contradicts this verdict.`);
    if (key.status !== 'ok' && before.length > 0)
        evidence.push(`${listOf(before)} ${before.length === 1 ? 'was' : 'were'} already running before this step, which proves nothing about the next start.`);
    if (key.disagreement)
        evidence.push(key.disagreement);
    if (report.mode === 'start' && key.instances.length > instances.length) {
        // The report only holds the instances this run looked at; say so rather than drop the rest silently.
        evidence.push(`${key.instances.length - instances.length} more instance(s) use this key.`);
    }
    return evidence;
}
function keyAdvice(key) {
    const advice = [];
    if (key.verdict.missingPermission)
        advice.push(`${key.verdict.verdict === 'DENY_EXPLICIT' ? 'Denied permission' : 'Missing permission'}: ${key.verdict.missingPermission}.`);
    const applied = key.fix?.applied;
    if (applied)
        advice.push(`fix: apply ${applied.outcome}: ${sentence(applied.detail)}`);
    // A statement added to the key policy cannot undo a Deny (a Deny found on the fresh read before the write, say).
    else if (key.fix && findingInfo(key.verdict).fixable)
        advice.push(`Fix: add statement ${key.fix.sid} to the ${key.fix.target === 'key-policy' ? 'key policy' : "caller's IAM policy"} ${SEE_STATEMENT}.`);
    if (key.applyRefusal)
        advice.push(`fix: apply did not edit this key: ${sentence(key.applyRefusal)}`);
    if (key.verdict.amendedDeny)
        advice.push(`Amend the Deny to exempt aws:ec2-infrastructure ${SEE_BEFORE_AFTER}.`);
    return advice;
}
function keyFinding(key, report, byId) {
    const level = keyBlocks(key)
        ? 'error'
        : key.status === 'misconfigured' || key.status === 'unverified'
            ? 'warning'
            : undefined;
    if (!level)
        return undefined;
    const instances = key.instances.map(id => byId.get(id)).filter((i) => i !== undefined);
    const broken = instances.filter(i => level === 'error' ? stoppedAfterStart(i) || i.outcome !== 'failed' : true);
    const info = findingInfo(key.verdict);
    // The IAM half can break a key the key policy lets in (how-ec2-uses-kms.md 3.3): then IAM is the cause.
    const iamDenies = key.status === 'misconfigured' &&
        (key.iamSimulation === 'implicitDeny' || key.iamSimulation === 'explicitDeny');
    const title = iamDenies
        ? IAM_DENIES_TITLE
        : key.verdict.verdict === 'KEY_STATE'
            ? `${info.title} (${key.state})`
            : info.title;
    return {
        code: key.verdict.finding ?? key.verdict.verdict,
        level,
        role: level === 'error' ? 'cause' : 'note',
        title: `${title}: ${key.alias ?? key.arn.replace(/^.*:key\//, 'key/')}`,
        subject: keyLabel(key),
        cause: sentence(key.verdict.reason),
        evidence: keyEvidence(key, instances, report),
        advice: keyAdvice(key),
        instances: broken.map(refOf),
        link: findingLink(key.verdict),
        keyArn: key.arn
    };
}
/** What the keys say about a failed instance that no key explains. */
function unexplainedCause(instance, keys, report, its = 'Its') {
    const suspects = keys.filter(k => k.status !== 'ok');
    if (suspects.length > 0)
        return `${its} KMS keys could not be fully verified: ${suspects.map(k => `${keyLabel(k)} (${k.verdict.verdict})`).join(', ')}.`;
    if (!stoppedAfterStart(instance) || report.keys.length === 0)
        return '';
    if (keys.length === 0)
        return 'It has no volume encrypted with a KMS key, so KMS is not the cause.';
    return ('Its KMS keys look usable to this analysis: check what it cannot see, i.e. SCPs and RCPs, permissions' +
        ' boundaries, session policies and VPC endpoint policies, and the failed CreateGrant event in CloudTrail.');
}
function instanceFinding(instance, keys, report) {
    const silentStop = instance.state === 'stopped' && instance.startedByThisStep;
    const cause = unexplainedCause(instance, keys, report);
    return {
        code: instance.failureKind ? links/* FAILURE_CODES */.sR[instance.failureKind] : RUN_CODES.instanceFailed,
        level: 'error',
        role: 'symptom',
        title: silentStop ? 'Instance stopped right after start' : 'Instance did not reach the target state',
        subject: instanceLabel({ id: instance.instanceId, name: instance.name }),
        cause: sentence(instance.failure ?? `${instance.instanceId} is ${instance.state}`),
        evidence: cause ? [cause] : [],
        advice: [],
        instances: [{ id: instance.instanceId, name: instance.name }],
        link: instance.failureKind ? (0,links/* failureLink */.zb)(instance.failureKind) : undefined
    };
}
/**
 * Instances that silently stopped on the same keys that could not be verified: one finding for them all, titled
 * with the keys, rather than one each, so a fleet on one unverified key does not fill GitHub's 10 errors with the
 * same story. The stop is what AWS showed; the keys are only suspects, so it stays a symptom, not a cause.
 */
function stoppedOnSuspectsFinding(instances, keys, report) {
    const suspects = keys.filter(k => k.status !== 'ok');
    const reasons = [...new Set(instances.map(i => (0,state_reason/* formatStateReason */.Z)(i.stateReason) || i.state))];
    return {
        level: 'error',
        role: 'symptom',
        code: links/* FAILURE_CODES */.sR['stopped-after-start'],
        title: `Instances stopped right after start: ${suspects.map(k => k.alias ?? k.arn.replace(/^.*:key\//, 'key/')).join(', ')}`,
        subject: listInstances(instances.map(refOf)),
        cause: `${instances.length} instances went pending -> stopped (${reasons.length === 1 ? reasons[0] : 'different reasons: see the job summary'}).`,
        evidence: [unexplainedCause(instances[0], keys, report, 'Their')],
        advice: [],
        instances: instances.map(refOf),
        link: (0,links/* failureLink */.zb)('stopped-after-start')
    };
}
function fileFindings(file) {
    const found = [];
    if (file.error) {
        // Parse errors say "at LINE:COLUMN"; point the annotation there so the PR diff shows it in place.
        const line = Number(/\bat (\d+):\d+/.exec(file.error)?.[1] ?? 1);
        found.push({
            code: RUN_CODES.fileUnreadable,
            level: 'error',
            role: 'cause',
            title: 'Key policy file could not be read',
            subject: file.file,
            cause: sentence(file.error),
            evidence: [],
            advice: [],
            instances: [],
            file: file.file,
            line
        });
    }
    for (const policy of file.policies) {
        const info = findingInfo(policy.verdict);
        const level = policy.status === 'misconfigured'
            ? 'error'
            : policy.status === 'unverified'
                ? 'warning'
                : info.offline === 'pass'
                    ? undefined
                    : info.offline;
        if (!level)
            continue;
        found.push({
            code: policy.verdict.finding ?? policy.verdict.verdict,
            level,
            role: level === 'error' ? 'cause' : 'note',
            title: policy.status === 'misconfigured' ? `Key policy would stop EC2: ${info.title}` : info.title,
            subject: policy.name,
            cause: sentence(policy.verdict.reason),
            evidence: policy.unresolved.length ? [`Unresolved: ${policy.unresolved.join('; ')}.`] : [],
            advice: policy.fix ? [`Fix: add statement ${policy.fix.sid} ${SEE_STATEMENT}.`] : [],
            instances: [],
            link: findingLink(policy.verdict),
            file: file.file,
            line: policy.decidingLine ?? policy.line
        });
    }
    return found;
}
function countRun(report, keyFindings) {
    const of = (o) => report.instances.filter(i => i.outcome === o).length;
    const policies = report.files.flatMap(f => f.policies);
    const keyLevel = (k) => keyFindings.get(k.arn)?.level;
    return {
        instances: report.instances.length,
        running: report.instances.filter(i => i.outcome !== 'failed' && i.state === 'running').length,
        statusOk: of('status-ok'),
        startRequested: of('start-requested'),
        failed: of('failed'),
        checked: of('checked'),
        keys: report.keys.length,
        keysOk: report.keys.filter(k => keyLevel(k) === undefined).length,
        keysMisconfigured: report.keys.filter(k => keyLevel(k) === 'error').length,
        keysUnverified: report.keys.filter(k => keyLevel(k) === 'warning').length,
        policies: policies.length,
        policiesPass: policies.filter(p => p.status === 'ok').length,
        policiesFail: policies.filter(p => p.status === 'misconfigured').length,
        policiesUnverified: policies.filter(p => p.status === 'unverified').length,
        unreadableFiles: report.files.filter(f => f.error).length
    };
}
function headlineText(report, c) {
    // A live run with a problem (a fatal error, a timed-out or unreadable check) is about that problem first.
    if (!report.offline && report.problems.length > 0) {
        const more = report.problems.length - 1;
        return `${sentence(report.problems[0])}${more ? ` (and ${plural(more, 'more problem')})` : ''}`;
    }
    const keys = c.keys === 0
        ? 'no customer KMS key to check'
        : `${plural(c.keys, 'KMS key')}: ${c.keysMisconfigured} misconfigured, ${c.keysUnverified} unverified`;
    if (report.offline) {
        const files = c.unreadableFiles ? `; ${plural(c.unreadableFiles, 'file')} could not be read` : '';
        return `${plural(c.policies, 'key policy', 'key policies')}: ${c.policiesPass} pass, ${c.policiesFail} would stop EC2, ${c.policiesUnverified} unverified${files}.`;
    }
    if (report.mode === 'check')
        return `${plural(c.instances, 'instance')} checked · ${keys}.`;
    const reached = report.waitFor === 'none'
        ? [
            `${c.startRequested} start requested (not verified)`,
            c.running - c.startRequested,
            'already running'
        ]
        : report.waitFor === 'status-ok'
            ? [`${c.statusOk} status ok`, c.running - c.statusOk, 'running']
            : [`${c.running} running`, 0, ''];
    const rest = reached[1] ? `, ${reached[1]} ${reached[2]}` : '';
    return `${plural(c.instances, 'instance')}: ${reached[0]}${rest}, ${c.failed} failed · ${keys}.`;
}
/** The level order of writing, and causes before symptoms before notes within a level. */
const LEVEL_RANK = { error: 0, warning: 1, notice: 2 };
const ROLE_RANK = { cause: 0, symptom: 1, note: 2 };
function buildFindings(report) {
    const findings = [];
    for (const problem of report.problems)
        findings.push({
            code: RUN_CODES.problem,
            level: 'error',
            role: 'cause',
            title: 'ec2-start-guard',
            cause: sentence(problem),
            evidence: [],
            advice: [],
            instances: []
        });
    for (const warning of report.warnings)
        findings.push({
            code: RUN_CODES.warning,
            level: 'warning',
            role: 'note',
            title: 'ec2-start-guard',
            cause: sentence(warning),
            evidence: [],
            advice: [],
            instances: []
        });
    const byId = new Map(report.instances.map(i => [i.instanceId, i]));
    const keyFindings = new Map();
    for (const key of report.keys) {
        const finding = keyFinding(key, report, byId);
        if (!finding)
            continue;
        keyFindings.set(key.arn, finding);
        findings.push(finding);
    }
    // Silent stops on the same unverified keys, grouped by those keys (in the order of their first instance).
    const onSuspects = new Map();
    for (const instance of report.instances.filter(i => i.outcome === 'failed')) {
        const keys = report.keys.filter(k => instance.keys.includes(k.arn));
        // A key that blocks EC2 explains the silent stop; its own finding lists this instance.
        if (stoppedAfterStart(instance) && keys.some(keyBlocks))
            continue;
        const suspects = keys.filter(k => k.status !== 'ok').map(k => k.arn);
        if (instance.failureKind === 'stopped-after-start' && suspects.length > 0) {
            const group = suspects.sort().join(' ');
            onSuspects.set(group, [...(onSuspects.get(group) ?? []), instance]);
        }
        else
            findings.push(instanceFinding(instance, keys, report));
    }
    for (const instances of onSuspects.values()) {
        const keys = report.keys.filter(k => instances[0].keys.includes(k.arn));
        findings.push(instances.length === 1
            ? instanceFinding(instances[0], keys, report)
            : stoppedOnSuspectsFinding(instances, keys, report));
    }
    for (const file of report.files)
        findings.push(...fileFindings(file));
    const ordered = findings
        .map((f, n) => ({ f, n }))
        .sort((a, b) => LEVEL_RANK[a.f.level] - LEVEL_RANK[b.f.level] ||
        ROLE_RANK[a.f.role] - ROLE_RANK[b.f.role] ||
        a.n - b.n)
        .map(x => x.f);
    const counts = countRun(report, keyFindings);
    const failed = ordered.some(f => f.level === 'error');
    // A gate that judged nothing must not look like a pass.
    const decided = report.offline
        ? counts.policies + counts.unreadableFiles > 0
        : report.mode === 'check'
            ? counts.keys > 0 || counts.instances > 0
            : true;
    const undecided = counts.keysUnverified + counts.policiesUnverified > 0 || !decided;
    return {
        findings: ordered,
        failed,
        counts,
        icon: failed ? '❌' : undecided ? '⚠️' : '✅',
        headline: `${headlineText(report, counts)}${!failed && !decided ? ' Nothing was decided.' : ''}`,
        misconfiguredKeyArns: report.offline ? [] : report.keys.filter(keyBlocks).map(k => k.arn)
    };
}


/***/ }),

/***/ 3303:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   ns: () => (/* binding */ TROUBLESHOOTING_URL),
/* harmony export */   rT: () => (/* binding */ troubleshootingLink),
/* harmony export */   sR: () => (/* binding */ FAILURE_CODES),
/* harmony export */   zb: () => (/* binding */ failureLink)
/* harmony export */ });
/* unused harmony exports troubleshootingAnchor, partitionOfRegion, instanceConsoleUrl, keyConsoleUrl */
// Where the report points: one heading per finding code in docs/TROUBLESHOOTING.md, and the AWS console page of
// each instance and key, in its own partition (each has its own console host) and region.
const TROUBLESHOOTING_URL = 'https://github.com/ec2-start-guard/ec2-start-guard/blob/v1/docs/TROUBLESHOOTING.md';
/** The anchor GitHub gives the heading `## <code as lower-case, - for _>`. */
function troubleshootingAnchor(code) {
    return code.toLowerCase().replace(/_/g, '-');
}
function troubleshootingLink(code) {
    return `${TROUBLESHOOTING_URL}#${troubleshootingAnchor(code)}`;
}
/** The documented code of each way an instance can fail to reach its target state. */
const FAILURE_CODES = {
    'stopped-after-start': 'STOPPED_AFTER_START',
    'not-running': 'STOPPED_AFTER_START',
    'start-error': 'START_ERROR',
    'status-impaired': 'STATUS_IMPAIRED',
    timeout: 'TIMEOUT'
};
function failureLink(kind) {
    return troubleshootingLink(FAILURE_CODES[kind]);
}
// The console's host differs per partition: aws, aws-cn (China) and aws-us-gov (GovCloud).
const CONSOLE_HOSTS = {
    aws: 'console.aws.amazon.com',
    'aws-cn': 'console.amazonaws.cn',
    'aws-us-gov': 'console.amazonaws-us-gov.com'
};
/** The partition of a region name: cn-* is aws-cn, us-gov-* is aws-us-gov, the rest is aws. */
function partitionOfRegion(region) {
    if (region.startsWith('cn-'))
        return 'aws-cn';
    if (region.startsWith('us-gov-'))
        return 'aws-us-gov';
    return 'aws';
}
function consoleBase(partition) {
    const host = CONSOLE_HOSTS[partition];
    return host ? `https://${host}` : undefined;
}
/** The instance's page in the EC2 console, or undefined for a partition whose console we do not know. */
function instanceConsoleUrl(instanceId, region) {
    const base = consoleBase(partitionOfRegion(region));
    const r = encodeURIComponent(region);
    return base && `${base}/ec2/home?region=${r}#InstanceDetails:instanceId=${encodeURIComponent(instanceId)}`;
}
/** The key's page in the KMS console (customer managed or AWS managed list), from its ARN. */
function keyConsoleUrl(keyArn, manager) {
    const m = /^arn:([\w-]+):kms:([\w-]+):\d{12}:key\/([\w-]+)$/.exec(keyArn);
    if (!m)
        return undefined;
    const [, partition, region, keyId] = m;
    const base = consoleBase(partition);
    const list = manager === 'AWS' ? 'defaultKeys' : 'keys';
    return (base && `${base}/kms/home?region=${encodeURIComponent(region)}#/kms/${list}/${encodeURIComponent(keyId)}`);
}


/***/ }),

/***/ 6867:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ newRunReport)
/* harmony export */ });
/** A report with nothing in it yet, for the inputs of this run. */
function newRunReport(inputs) {
    return {
        mode: inputs.mode,
        offline: inputs.offline,
        region: inputs.region,
        waitFor: inputs.waitFor,
        fix: inputs.fix,
        instances: [],
        keys: [],
        files: [],
        problems: [],
        warnings: [],
        durationMs: 0,
        polls: 0
    };
}


/***/ }),

/***/ 6916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ formatStateReason)
/* harmony export */ });
// EC2 StateReason as one string. EC2 repeats the code at the start of the message
// ("Client.InternalError: Client error on launch"), so the code is only prefixed when the message lacks it.
function formatStateReason(reason) {
    const code = reason?.code ?? '';
    const message = reason?.message ?? '';
    if (!message)
        return code;
    if (!code || message.startsWith(code))
        return message;
    return `${code}: ${message}`;
}


/***/ }),

/***/ 7194:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   xX: () => (/* binding */ cutRedacted)
/* harmony export */ });
/* unused harmony exports REDACTED, MIN_EDGE_FRAGMENT, registerSecret, clearSecrets, redactSecrets */
// The secrets of this process (the GitHub OIDC token, the access key ID, secret key and session token), so that text
// is redacted *before* it is cut. The runner masks a registered secret only where it appears whole: an AWS error
// message cut at 300 characters in the middle of a session token would print the first part of it in clear.
// aws/credentials.ts feeds this registry wherever it calls core.setSecret; this module needs no toolkit.
/** What a redacted secret becomes: the runner's own mask. */
const REDACTED = '***';
/**
 * The shortest fragment of a secret redacted at a text's edge (where an earlier cut may have split it). Shorter
 * pieces are left alone: four characters of a 100-character token say nothing, and short matches would eat text.
 */
const MIN_EDGE_FRAGMENT = 4;
const secrets = new Set();
/** Registers a secret; empty values are ignored (there is nothing to hide). */
function registerSecret(value) {
    if (value)
        secrets.add(value);
}
/** Forgets every secret: for tests, which run many scenarios in one process. */
function clearSecrets() {
    secrets.clear();
}
/** Longest first, so that a secret that contains another is redacted whole. */
function registered() {
    return [...secrets].sort((a, b) => b.length - a.length);
}
/**
 * Text with every registered secret replaced by `***`, and with any piece of a secret at either edge of the text (a
 * prefix at the end, a suffix at the start, as left by a cut made before this one) replaced too.
 */
function redactSecrets(text) {
    if (secrets.size === 0)
        return text;
    const all = registered();
    let out = text;
    for (const secret of all)
        out = out.split(secret).join(REDACTED);
    for (const secret of all)
        out = redactEdges(out, secret);
    return out;
}
function redactEdges(text, secret) {
    let out = text;
    // The longest prefix of the secret that ends the text.
    for (let length = Math.min(secret.length - 1, out.length); length >= MIN_EDGE_FRAGMENT; length--) {
        if (out.endsWith(secret.slice(0, length))) {
            out = out.slice(0, out.length - length) + REDACTED;
            break;
        }
    }
    // The longest suffix of the secret that starts the text.
    for (let length = Math.min(secret.length - 1, out.length); length >= MIN_EDGE_FRAGMENT; length--) {
        if (out.startsWith(secret.slice(secret.length - length))) {
            out = REDACTED + out.slice(length);
            break;
        }
    }
    return out;
}
/**
 * Text cut to at most `max` characters (the last three are "..." when it was cut), with secrets redacted first, so
 * the cut never splits one; the edges are checked again after the cut.
 */
function cutRedacted(text, max) {
    const redacted = redactSecrets(text);
    if (redacted.length <= max)
        return redacted;
    return redactSecrets(redacted.slice(0, max - 3)) + '...';
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ ACTION_VERSION)
/* harmony export */ });
// Kept in step with package.json by a unit test.
const ACTION_VERSION = '1.0.0';


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: ./src/report/untrusted.ts
// The one way out to stdout for text the action does not control: Sids, aliases, Name tags, StateReasons, AWS error
// messages, file names and their contents. The runner reads workflow commands from stdout: `::name …::data` at the
// start of any line (after leading white space; lines split on LF and on a lone CR), and the legacy `##[name]data`
// anywhere in a line. `::stop-commands::TOKEN` and `##[stop-commands]TOKEN` switch command processing off (and with
// it every later ::add-mask::), `::save-state` feeds the post step. So every line the action prints goes through
// neutralise(): one line, no command.
/** Every line break the runner splits on (LF, CR) and the ones a log viewer may render (NEL, LS, PS, VT, FF). */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
/** Control characters other than tab: ANSI escapes (ESC, and CSI U+009B) can repaint or hide what the log shows. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
/** The legacy command prefix, anywhere. Replaced by `##\[`, which cannot form a new `##[` with what surrounds it. */
const LEGACY_PREFIX = /##\[/g;
/**
 * A line that starts with `::` once the runner has trimmed its leading white space (.NET's Char.IsWhiteSpace: the
 * Unicode space separators, tab, LF, VT, FF, CR, NEL, LS, PS).
 */
const COMMAND_START = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*::/;
/**
 * One line of log text that the runner cannot read as a workflow command, whatever it contains: line breaks become
 * "⏎", control characters "�", every `##[` becomes `##\[`, and a leading `::` gets a backslash before it. Text
 * without any of these is returned unchanged.
 */
function neutralise(text) {
    const flat = text.replace(LINE_BREAK, '⏎').replace(CONTROL, '�').replace(LEGACY_PREFIX, '##\\[');
    return COMMAND_START.test(flat) ? `\\${flat}` : flat;
}

// EXTERNAL MODULE: ./src/inputs.ts + 1 modules
var src_inputs = __nccwpck_require__(5835);
// EXTERNAL MODULE: ./src/report/findings.ts + 1 modules
var findings = __nccwpck_require__(7050);
// EXTERNAL MODULE: ./src/report/model.ts
var model = __nccwpck_require__(6867);
// EXTERNAL MODULE: ./src/report/state-reason.ts
var state_reason = __nccwpck_require__(6916);
;// CONCATENATED MODULE: ./src/report/outputs.ts

function buildOutputs(report, run) {
    const running = report.instances.filter(i => i.state === 'running').map(i => i.instanceId);
    const failed = report.instances.filter(i => i.outcome === 'failed').map(i => i.instanceId);
    const started = report.instances.filter(i => i.startedByThisStep).map(i => i.instanceId);
    const instances = report.instances.map(i => ({
        instanceId: i.instanceId,
        region: i.region ?? report.region,
        account: i.account ?? null,
        name: i.name ?? null,
        stateBefore: i.stateBefore,
        state: i.state,
        stateReason: (0,state_reason/* formatStateReason */.Z)(i.stateReason) || null,
        privateIp: i.privateIp ?? null,
        publicIp: i.publicIp ?? null,
        keys: i.keys
    }));
    const blocking = new Set(run.misconfiguredKeyArns);
    // One entry per verdict, for a next step (or a dashboard) that needs more than the ARNs of the failing keys.
    const keyVerdicts = report.offline
        ? report.files.flatMap(f => f.policies.map(p => ({
            file: f.file,
            line: p.line,
            name: p.name,
            verdict: p.verdict.verdict,
            finding: p.verdict.finding ?? null,
            deniedRequest: p.verdict.deniedRequest ?? null,
            blocks: p.status === 'misconfigured',
            reason: p.verdict.reason
        })))
        : report.keys.map(k => ({
            keyArn: k.arn,
            alias: k.alias ?? null,
            verdict: k.verdict.verdict,
            finding: k.verdict.finding ?? null,
            deniedRequest: k.verdict.deniedRequest ?? null,
            blocks: blocking.has(k.arn),
            reason: k.verdict.reason,
            instances: k.instances
        }));
    return {
        'running-instance-ids': JSON.stringify(running),
        'failed-instance-ids': JSON.stringify(failed),
        'started-instance-ids': JSON.stringify(started),
        // A key an instance ran with after this step started it is usable, whatever the analysis said.
        'misconfigured-key-ids': JSON.stringify(run.misconfiguredKeyArns),
        instances: JSON.stringify(instances),
        'key-verdicts': JSON.stringify(keyVerdicts)
    };
}

// EXTERNAL MODULE: ./src/version.ts
var version = __nccwpck_require__(311);
;// CONCATENATED MODULE: ./src/cli/args.ts
// The command line, parsed: a subcommand (the mode) and flags named like the action's inputs. Pure: no I/O.
/** Bad usage (exit 2): an unknown command or flag, a flag without its value. */
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
const COMMANDS = ['check', 'start', 'diagnose'];
/** Flags that take a value, each the action input of the same name. Repeating one adds a line. */
const VALUE_FLAGS = [
    'instance-ids',
    'filters',
    'region',
    'regions',
    'fix',
    'wait-for',
    'timeout-seconds',
    'diagnosis-timeout-seconds',
    'unreadable-policy',
    'principal-arn'
];
const REPEATABLE = new Set(['instance-ids', 'filters']);
const BOOLEAN_FLAGS = ['json', 'no-color', 'help', 'version', 'or'];
/**
 * argv (without node and the script) → CliArgs. Every bad argument is named in one UsageError. `--or` between
 * `--filters` starts a new tag group, as a `---` line does in the action's filters input.
 */
function parseArgs(argv) {
    const args = { inputs: {}, json: false, noColor: false, help: false, version: false };
    const bad = [];
    const rest = [...argv];
    if (rest.length > 0 && !rest[0].startsWith('-')) {
        const word = rest.shift();
        if (COMMANDS.includes(word))
            args.command = word;
        else
            bad.push(`unknown command ${JSON.stringify(word)} (expected ${COMMANDS.join(', ')})`);
    }
    const add = (name, value) => {
        const before = args.inputs[name];
        if (before !== undefined && !REPEATABLE.has(name)) {
            bad.push(`--${name} is given twice`);
            return;
        }
        args.inputs[name] = before === undefined ? value : `${before}\n${value}`;
    };
    while (rest.length > 0) {
        const arg = rest.shift();
        const m = /^--([a-z][a-z-]*)(?:=([\s\S]*))?$/.exec(arg);
        if (!m) {
            bad.push(`unexpected argument ${JSON.stringify(arg)}`);
            continue;
        }
        const [, name, inline] = m;
        if (BOOLEAN_FLAGS.includes(name)) {
            if (inline !== undefined)
                bad.push(`--${name} takes no value`);
            else if (name === 'or')
                add('filters', '---');
            else if (name === 'json')
                args.json = true;
            else if (name === 'no-color')
                args.noColor = true;
            else if (name === 'help')
                args.help = true;
            else
                args.version = true;
            continue;
        }
        if (name === 'mode') {
            bad.push('--mode is the subcommand: ec2-start-guard check|start|diagnose');
            continue;
        }
        if (!VALUE_FLAGS.includes(name) && name !== 'profile') {
            bad.push(`unknown flag --${name}`);
            continue;
        }
        const value = inline ?? (rest.length > 0 && !rest[0].startsWith('--') ? rest.shift() : undefined);
        if (value === undefined) {
            bad.push(`--${name} needs a value`);
            continue;
        }
        if (name === 'profile') {
            if (args.profile !== undefined)
                bad.push('--profile is given twice');
            else if (!/^[\w+=,.@:/-]{1,128}$/.test(value))
                bad.push(`--profile has ${JSON.stringify(value)}`);
            else
                args.profile = value;
        }
        else
            add(name, value);
    }
    if (!args.command && !args.help && !args.version && bad.length === 0) {
        bad.push(`a command is required: ${COMMANDS.join(', ')}`);
    }
    if (bad.length > 0)
        throw new UsageError(bad.join('; '));
    return args;
}

;// CONCATENATED MODULE: ./src/cli/credentials.ts
async function cliCredentials(profile) {
    if (profile === undefined)
        return undefined;
    const { fromIni } = await __nccwpck_require__.e(/* import() */ 869).then(__nccwpck_require__.t.bind(__nccwpck_require__, 5869, 19));
    return fromIni({ profile });
}

;// CONCATENATED MODULE: ./src/cli/help.ts
// The text of --help: every command, flag, default and exit code.

const HELP = `ec2-start-guard ${version/* ACTION_VERSION */.Y}: start stopped EC2 instances, prove they run, and trace a silent stop
(pending -> stopped, Client.InternalError) to the KMS key policy that blocks EC2, with the least-privilege fix.

Usage:
  ec2-start-guard check    [targets] [options]   diagnose the KMS keys only; never starts, stops or changes anything
  ec2-start-guard diagnose [targets] [options]   as check, and print every instance's volumes and keys
  ec2-start-guard start    [targets] [options]   start the instances and verify that they really run
  ec2-start-guard --help | --version

Targets (at least one):
  --instance-ids IDS        instance IDs separated by commas or spaces; repeat the flag for more
  --filters NAME=V1,V2      one EC2 filter (e.g. tag:env=ci); repeated filters are ANDed
  --or                      between --filters: start a new tag group; groups are ORed (their union)
                            (a value may also hold several lines, a blank or --- line separating groups)

Options:
  --region REGION           AWS region (default: AWS_REGION, then AWS_DEFAULT_REGION)
  --regions R1,R2           several regions at once (comma separated), each run concurrently; needs --filters
  --profile NAME            the profile of ~/.aws/config and ~/.aws/credentials to use (SSO, assume-role and
                            credential_process profiles included); default: the SDK's default chain
                            (environment, AWS_PROFILE or the default profile, SSO, container/instance roles)
  --fix off|suggest|apply   suggest (default): print the statement to add; apply (start only): add it to the
                            key policy with kms:PutKeyPolicy before starting; off: no diagnosis up front
  --wait-for running|status-ok|none
                            start: what "started" means (default: running)
  --timeout-seconds N       start: the most to wait for the target state (default: 300)
  --diagnosis-timeout-seconds N
                            the most the KMS diagnosis may take (default: 60)
  --unreadable-policy fail|warn
                            check: whether a key whose policy cannot be read fails (default: fail)
  --principal-arn ARN       judge the keys for this role or user instead of the caller
  --json                    print the findings and the action's outputs as one JSON document on stdout
  --no-color                no colours (also: NO_COLOR set, or stdout not a terminal)
  --help                    this text
  --version                 the version (the same as the GitHub Action's)

Output: progress on stderr (a live line per instance on a terminal); the instances, the verdict table of the
keys, the findings and the fix statements on stdout.

Exit codes:
  0  every instance reached the target state (start), or every key lets EC2 use it (check, diagnose)
  1  an instance failed, a key blocks EC2, or an AWS call failed
  2  bad usage: an unknown command or flag, or a bad value (named, with every bad value)

Examples:
  ec2-start-guard check --instance-ids i-0123456789abcdef0 --region us-east-1 --profile ci-admin
  ec2-start-guard start --filters tag:env=ci --filters tag:team=qa --or --filters tag:role=db
  ec2-start-guard diagnose --instance-ids i-0123456789abcdef0 --json | jq '.outputs["misconfigured-key-ids"]'
`;

;// CONCATENATED MODULE: ./src/cli/progress.ts

// More lines than this and the block would scroll off a terminal: a count of each phase replaces it.
const MAX_LIVE_LINES = 20;
const PHASE_TEXT = {
    'wait-stopped': 'waiting for it to stop',
    'to-start': 'to start',
    booting: 'booting',
    'status-checks': 'status checks',
    done: 'done',
    failed: 'failed'
};
function liveLine(t, now, s) {
    const seconds = t.startedAt !== undefined && t.phase !== 'done' && t.phase !== 'failed'
        ? ` ${((now - t.startedAt) / 1000).toFixed(0)} s`
        : '';
    const icon = t.phase === 'failed' ? s.red('✗') : t.phase === 'done' ? s.green('✓') : s.yellow('…');
    const name = t.last.name ?? t.before.name;
    return `  ${icon} ${neutralise(t.id)}${name ? ` ${neutralise(name)}` : ''}  ${neutralise(t.last.state)} (${PHASE_TEXT[t.phase] ?? neutralise(t.phase)})${seconds}`;
}
class Progress {
    out;
    live;
    style;
    now;
    drawn = 0;
    rows = [];
    constructor(out, live, style, now = () => performance.now()) {
        this.out = out;
        this.live = live;
        this.style = style;
        this.now = now;
    }
    /** A log line (neutralised: it may hold Sids, aliases, Name tags, AWS messages). */
    log(message) {
        this.erase();
        this.out.write(`${neutralise(message)}\n`);
        this.draw();
    }
    /** The instances as last polled: redraws the live block (on a terminal only). */
    update(tracked) {
        if (!this.live)
            return;
        const now = this.now();
        if (tracked.length <= MAX_LIVE_LINES)
            this.rows = tracked.map(t => liveLine(t, now, this.style));
        else {
            const counts = new Map();
            for (const t of tracked)
                counts.set(t.phase, (counts.get(t.phase) ?? 0) + 1);
            this.rows = [
                `  ${tracked.length} instances: ${[...counts].map(([p, c]) => `${c} ${PHASE_TEXT[p] ?? p}`).join(', ')}`
            ];
        }
        this.erase();
        this.draw();
    }
    /** Leaves the last block on screen, so the final states stay visible above the report. */
    finish() {
        this.drawn = 0;
        this.rows = [];
    }
    erase() {
        // Cursor up over the block, then clear to the end of the screen.
        if (this.drawn > 0)
            this.out.write(`\u001b[${this.drawn}A\u001b[J`);
        this.drawn = 0;
    }
    draw() {
        if (this.rows.length === 0)
            return;
        this.out.write(`${this.rows.join('\n')}\n`);
        this.drawn = this.rows.length;
    }
}

;// CONCATENATED MODULE: ./src/cli/render.ts
// The CLI's text output, rendered from the report and its findings (computed once, as for the action): the
// instances, the verdict table of the keys, the findings and the fix statements. Every value from AWS or the user
// passes through neutralise(), which also removes terminal escapes (ESC, CSI), so a Name tag cannot repaint the
// screen.



function mark(level, s) {
    return level === 'error'
        ? s.red('✗')
        : level === 'warning'
            ? s.yellow('!')
            : level === 'notice'
                ? 'i'
                : s.green('✓');
}
/** Columns padded to their widest cell (by code points); the last column is not padded. Cells are plain text. */
function textTable(headers, rows, s, colour) {
    const width = headers.map((h, c) => Math.max([...h].length, ...rows.map(r => [...(r[c] ?? '')].length)));
    const line = (cells, paint) => `  ${cells
        .map((cell, c) => {
        const padded = c === cells.length - 1 ? cell : cell + ' '.repeat(width[c] - [...cell].length);
        return paint(c, padded);
    })
        .join('  ')}`.trimEnd();
    return [
        line(headers, (_c, cell) => s.bold(cell)),
        ...rows.map((r, i) => line(r, (c, cell) => (colour ? colour(i, c, cell) : cell)))
    ].join('\n');
}
function keyLevel(k, run) {
    return run.findings.find(f => f.keyArn === k.arn)?.level ?? 'pass';
}
function instanceRow(i) {
    const reason = i.outcome === 'failed'
        ? (0,state_reason/* formatStateReason */.Z)(i.stateReason) || i.failure || 'failed'
        : i.outcome === 'start-requested'
            ? 'start requested, not verified'
            : '';
    return [
        neutralise(i.instanceId),
        neutralise(i.name ?? ''),
        `${neutralise(i.stateBefore)} → ${neutralise(i.state)}${i.startedByThisStep ? ' (started)' : ''}`,
        neutralise(reason),
        neutralise(i.privateIp ?? '')
    ];
}
function keyRow(k, run) {
    const level = keyLevel(k, run);
    const why = [
        k.verdict.reason,
        k.disagreement,
        k.applyRefusal ? `fix: apply did not edit it: ${k.applyRefusal}` : ''
    ];
    return [
        neutralise(k.alias ?? '—'),
        `${level === 'pass' ? 'ok' : level === 'error' ? 'BLOCKS' : 'check'} ${neutralise(k.verdict.verdict)}`,
        neutralise(k.arn),
        neutralise(`${k.instances.length}: ${k.instances.join(', ')}`),
        neutralise(why.filter(Boolean).join(' '))
    ];
}
function findingLine(f, s) {
    const text = [f.subject ? `${f.subject}:` : '', f.cause, ...f.evidence, ...(0,findings/* adviceShownBelow */.ni)(f.advice)]
        .filter(Boolean)
        .join(' ');
    return `  ${mark(f.level, s)} ${s.bold(neutralise(f.title))} — ${neutralise(text)}${f.link ? `\n    ${s.dim(neutralise(f.link))}` : ''}`;
}
/** diagnose: each instance's chain, instance → key(s) → verdict for the caller, and each key's volumes. */
function traceLines(report, run, s) {
    const lines = [];
    for (const i of report.instances) {
        lines.push(`  ${neutralise(i.instanceId)}${i.name ? ` (${neutralise(i.name)})` : ''}: ${neutralise(i.state)}`);
        if (i.keys.length === 0)
            lines.push('    no volume encrypted with a customer managed KMS key');
        for (const arn of i.keys) {
            const k = report.keys.find(key => key.arn === arn);
            if (!k) {
                lines.push(`    key ${neutralise(arn)}: not read`);
                continue;
            }
            lines.push(`    ${mark(keyLevel(k, run), s)} volumes ${neutralise(k.volumes.join(', '))} → key ${neutralise(k.alias ?? k.arn)} (${neutralise(k.state)}, ${neutralise(k.manager)} managed) → ${neutralise(k.verdict.verdict)} for ${neutralise(report.caller ?? 'the caller')}`);
        }
    }
    return lines;
}
function fixLines(k) {
    const fix = k.fix;
    if (!fix)
        return [];
    const where = fix.target === 'key-policy'
        ? `add this statement to the key policy of ${k.arn} (keep every existing statement):`
        : "add this statement to the caller's IAM identity policy:";
    const head = fix.applied
        ? `Applied to ${k.alias ?? k.arn} — ${fix.applied.outcome}: ${fix.applied.detail}`
        : `Fix for ${k.alias ?? k.arn}: ${where}`;
    // One neutralised line per JSON line: a Sid or an ARN can never break out of the block.
    return [
        neutralise(head),
        ...JSON.stringify(fix.statement, null, 2)
            .split('\n')
            .map(l => `  ${neutralise(l)}`)
    ];
}
/** A Deny that stops EC2's own Decrypt: its before and after, as advice; nothing ever edits a Deny. */
function amendedDenyLines(k) {
    const amended = k.verdict.amendedDeny;
    if (!amended)
        return [];
    const json = (statement) => JSON.stringify(statement, null, 2)
        .split('\n')
        .map(l => `  ${neutralise(l)}`);
    return [
        neutralise(`Amend the Deny in ${k.alias ?? k.arn} to exempt EC2's identity-only role (ec2-start-guard never edits a Deny; change it yourself). Before:`),
        ...json(amended.before),
        'After:',
        ...json(amended.after)
    ];
}
function renderText(report, run, s, trace) {
    const out = [];
    const headline = `${run.failed ? '✗' : run.icon === '✅' ? '✓' : '!'} ${neutralise(run.headline)}`;
    out.push(run.failed
        ? s.red(s.bold(headline))
        : run.icon === '✅'
            ? s.green(s.bold(headline))
            : s.yellow(s.bold(headline)));
    const context = [
        `mode ${report.mode}`,
        `region ${neutralise(report.region)}`,
        report.caller ? `caller ${neutralise(report.caller)}` : '',
        report.filters ? `filters ${neutralise(report.filters)}` : '',
        report.mode === 'check' ? '' : `wait-for ${neutralise(report.waitFor)}`,
        `fix ${neutralise(report.fix)}`,
        `${(report.durationMs / 1000).toFixed(1)} s`
    ];
    out.push(s.dim(context.filter(Boolean).join(' · ')));
    if (report.instances.length > 0) {
        out.push('', s.bold('Instances'));
        out.push(textTable(['INSTANCE', 'NAME', 'STATE', 'REASON', 'PRIVATE IP'], report.instances.map(instanceRow), s, (r, c, cell) => (c === 2 && report.instances[r].outcome === 'failed' ? s.red(cell) : cell)));
    }
    if (report.keys.length > 0) {
        out.push('', s.bold('KMS keys'));
        out.push(textTable(['ALIAS', 'VERDICT', 'KEY', 'INSTANCES', 'WHY'], report.keys.map(k => keyRow(k, run)), s, (r, c, cell) => {
            if (c !== 1)
                return cell;
            const level = keyLevel(report.keys[r], run);
            return level === 'error' ? s.red(cell) : level === 'pass' ? s.green(cell) : s.yellow(cell);
        }));
    }
    if (trace && report.instances.length > 0)
        out.push('', s.bold('Trace'), ...traceLines(report, run, s));
    if (run.findings.length > 0)
        out.push('', s.bold('Findings'), ...run.findings.map(f => findingLine(f, s)));
    const fixes = report.keys.flatMap(k => [...fixLines(k), ...amendedDenyLines(k)]);
    if (fixes.length > 0)
        out.push('', s.bold('Fixes'), ...fixes);
    return `${out.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/cli/style.ts
// Terminal styling: ANSI colours when the edge allows them (stdout a TTY, no NO_COLOR, no --no-color), else none.
// Only our own markup is coloured: text from AWS or the user is neutralised before it is styled.
const ansi = (open, close) => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const COLOURS = {
    red: ansi(31, 39),
    green: ansi(32, 39),
    yellow: ansi(33, 39),
    bold: ansi(1, 22),
    dim: ansi(2, 22)
};
const plain = (text) => text;
const NO_COLOURS = { red: plain, green: plain, yellow: plain, bold: plain, dim: plain };
/** https://no-color.org: NO_COLOR set to anything but the empty string turns colours off. */
function colourWanted(isTty, env, noColorFlag) {
    return isTty && !noColorFlag && !env.NO_COLOR;
}

;// CONCATENATED MODULE: ./src/cli/main.ts
// The command-line edge: argv in; progress on stderr, the report (text or JSON) on stdout, the exit code out.
// It runs the same core as the action (readInputs, runFleet, buildFindings, buildOutputs) and never imports the
// action's I/O (@actions/core, main, post, report/publish, aws/credentials): eslint enforces it.












const EXIT = { ok: 0, failure: 1, usage: 2 };
/** The action's input names in messages become the flags of the same name. */
function asFlags(message) {
    return message.replace(/\bInputs? '([a-z-]+)'(?: and '([a-z-]+)')?/g, (_m, a, b) => b ? `--${a} and --${b}` : `--${a}`);
}
/**
 * JSON for a terminal: JSON.stringify escapes C0 controls but not DEL, the C1 controls (CSI is U+009B) or the
 * Unicode line separators; escaped, they parse back to the same value and cannot act on the terminal.
 */
function terminalSafeJson(value) {
    return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
function jsonDocument(command, report, run, exitCode) {
    // The action's outputs, parsed: the same fields a workflow reads with fromJSON.
    const outputs = Object.fromEntries(Object.entries(buildOutputs(report, run)).map(([name, value]) => [name, JSON.parse(value)]));
    return { version: version/* ACTION_VERSION */.Y, command, exitCode, failed: run.failed, outputs, findings: run, report };
}
async function runCli(argv, io) {
    let args;
    try {
        args = parseArgs(argv);
    }
    catch (err) {
        if (!(err instanceof UsageError))
            throw err;
        io.stderr.write(`ec2-start-guard: ${neutralise(err.message)}\nRun ec2-start-guard --help for the usage.\n`);
        return EXIT.usage;
    }
    if (args.help) {
        io.stdout.write(HELP);
        return EXIT.ok;
    }
    if (args.version) {
        io.stdout.write(`${version/* ACTION_VERSION */.Y}\n`);
        return EXIT.ok;
    }
    const command = args.command;
    const values = { ...args.inputs, mode: command === 'start' ? 'start' : 'check' };
    let inputs;
    try {
        inputs = (0,src_inputs/* readInputs */.Ko)(name => values[name] ?? '', io.env);
    }
    catch (err) {
        if (!(err instanceof src_inputs/* InputError */.dz))
            throw err;
        io.stderr.write(`ec2-start-guard: ${neutralise(asFlags(err.message))}\n`);
        return EXIT.usage;
    }
    const style = colourWanted(io.stdout.isTTY === true, io.env, args.noColor) ? COLOURS : NO_COLOURS;
    const errStyle = colourWanted(io.stderr.isTTY === true, io.env, args.noColor) ? COLOURS : NO_COLOURS;
    const progress = new Progress(io.stderr, io.stderr.isTTY === true, errStyle);
    let report = (0,model/* newRunReport */.I)(inputs);
    let fatal;
    try {
        const { runFleet } = await Promise.all(/* import() */[__nccwpck_require__.e(869), __nccwpck_require__.e(137), __nccwpck_require__.e(54)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7054));
        report = await runFleet(inputs, {
            info: message => progress.log(message),
            // No post step on a command line: nothing to hand over.
            saveState: () => undefined,
            // One set of credentials for every region: the operator's.
            credentials: () => cliCredentials(args.profile),
            progress: tracked => progress.update(tracked)
        }, io.env, io.clock, report);
    }
    catch (err) {
        fatal = err instanceof Error ? err.message : String(err);
    }
    progress.finish();
    // As the action does: the error that ended the run early is its first problem, and what is known is reported.
    const summarised = fatal === undefined ? report : { ...report, problems: [fatal, ...report.problems] };
    const run = (0,findings/* buildFindings */.nH)(summarised);
    const code = run.failed ? EXIT.failure : EXIT.ok;
    if (args.json)
        io.stdout.write(`${terminalSafeJson(jsonDocument(command, summarised, run, code))}\n`);
    else
        io.stdout.write(renderText(summarised, run, style, command === 'diagnose'));
    return code;
}

;// CONCATENATED MODULE: ./src/cli/index.ts
// The `ec2-start-guard` command (package.json "bin"): only calls runCli.


runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(code => {
    process.exitCode = code;
}, (err) => {
    process.stderr.write(`ec2-start-guard: ${neutralise(err instanceof Error ? err.message : String(err))}\n`);
    process.exitCode = 1;
});

