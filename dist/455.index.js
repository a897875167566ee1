export const id = 455;
export const ids = [455];
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

/***/ 9455:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   applyKeyPolicyFix: () => (/* binding */ applyKeyPolicyFix),
/* harmony export */   refuseToEdit: () => (/* binding */ refuseToEdit)
/* harmony export */ });
/* harmony import */ var _kms_access_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3971);
/* harmony import */ var _kms_fix_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9470);
/* harmony import */ var _kms_policy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4695);
/* harmony import */ var _aws_keys_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4297);




/** Why this key must not be edited, or undefined when it may be. */
function refuseToEdit(key, evidence, caller) {
    const facts = evidence?.facts;
    if (!facts)
        return 'its metadata could not be read';
    if (facts.keyManager !== 'CUSTOMER')
        return 'it is an AWS managed key, whose policy AWS owns';
    if (facts.accountId !== caller.accountId || !facts.arn.includes(`:${caller.accountId}:`)) {
        return `it belongs to account ${facts.accountId}, not the caller's ${caller.accountId}`;
    }
    if (facts.keyState !== 'Enabled')
        return `it is ${facts.keyState}: the fix is the key's state, not its policy`;
    if (key.verdict.verdict === 'DENY_EXPLICIT')
        return 'an explicit Deny blocks EC2; Deny statements are reported, never edited';
    if (key.iamSimulation === 'explicitDeny')
        return "the caller's IAM policy explicitly denies kms:CreateGrant; no key-policy statement can override that";
    if (evidence?.policy === undefined)
        return 'its key policy could not be read';
    const fixable = key.verdict.verdict === 'DENY_IMPLICIT' ||
        (key.verdict.verdict === 'ALLOW_IF_IAM' && key.iamSimulation === 'implicitDeny');
    if (!fixable)
        return `its verdict ${key.verdict.verdict} is not one a key-policy statement fixes`;
    return undefined;
}
async function applyKeyPolicyFix(kms, key, evidence, caller, region) {
    const statement = (0,_kms_fix_js__WEBPACK_IMPORTED_MODULE_1__/* .buildFixStatement */ .x1)(caller, region);
    const fix = { target: 'key-policy', sid: (0,_kms_fix_js__WEBPACK_IMPORTED_MODULE_1__/* .fixStatementSid */ .dV)(caller.principalArn), statement };
    const refusal = refuseToEdit(key, evidence, caller);
    if (refusal) {
        fix.applied = { outcome: 'refused', detail: `Not applied to ${key.arn}: ${refusal}.` };
        return fix;
    }
    const facts = evidence?.facts;
    const verdictOf = (policy) => (0,_kms_access_js__WEBPACK_IMPORTED_MODULE_0__/* .analyzeKeyAccess */ .U5)({ key: facts, policy, caller, region, volumeId: evidence?.volumeId });
    try {
        // KMS has no conditional write: read the policy again right before writing, so a change made since the
        // diagnosis is merged into, never overwritten.
        const before = await (0,_aws_keys_js__WEBPACK_IMPORTED_MODULE_3__/* .getKeyPolicy */ .kb)(kms, key.arn);
        // The fresh copy is judged again: the guarantee is "never when a Deny matches", and a Deny may have been added
        // since the diagnosis read the policy.
        const fresh = verdictOf(before);
        if (before !== evidence?.policy && fresh.verdict === 'ALLOW') {
            fix.applied = {
                outcome: 'already-present',
                detail: `The key policy of ${key.arn} changed since the diagnosis and now allows EC2; nothing was written.`
            };
            key.verdict = fresh;
            key.status = 'ok';
            return fix;
        }
        const freshRefusal = refuseFreshVerdict(fresh, before !== evidence?.policy);
        if (freshRefusal) {
            fix.applied = { outcome: 'refused', detail: `Not applied to ${key.arn}: ${freshRefusal}.` };
            key.verdict = fresh;
            key.status = (0,_kms_access_js__WEBPACK_IMPORTED_MODULE_0__/* .keyStatus */ .c4)(fresh);
            return fix;
        }
        const merged = (0,_kms_fix_js__WEBPACK_IMPORTED_MODULE_1__/* .mergeFixStatement */ .hx)(before, statement);
        if (!merged.ok) {
            fix.applied = { outcome: 'refused', detail: `Not applied to ${key.arn}: ${merged.error}` };
            return fix;
        }
        if (!merged.changed) {
            fix.applied = {
                outcome: 'already-present',
                detail: `${key.arn} already has statement ${fix.sid}; nothing was written.`
            };
            return fix;
        }
        await (0,_aws_keys_js__WEBPACK_IMPORTED_MODULE_3__/* .putKeyPolicy */ .Pg)(kms, key.arn, merged.policyText);
        const after = await (0,_aws_keys_js__WEBPACK_IMPORTED_MODULE_3__/* .getKeyPolicy */ .kb)(kms, key.arn);
        const check = (0,_kms_fix_js__WEBPACK_IMPORTED_MODULE_1__/* .verifyMerged */ .GA)(before, after, statement);
        const verdictAfter = verdictOf(after);
        if (!check.ok || verdictAfter.verdict !== 'ALLOW') {
            fix.applied = {
                outcome: 'failed',
                detail: `PutKeyPolicy on ${key.arn} succeeded but reading it back shows ${check.ok ? `verdict ${verdictAfter.verdict}` : check.problems.join('; ')}. Check the key policy by hand.`,
                verdictAfter: verdictAfter.verdict
            };
            return fix;
        }
        fix.applied = {
            outcome: 'added',
            detail: `Added statement ${fix.sid} at the end of the key policy of ${key.arn}; all existing statements are unchanged (read back and verified); the verdict is now ALLOW.`,
            verdictAfter: verdictAfter.verdict
        };
        key.verdict = verdictAfter;
        key.status = 'ok';
    }
    catch (err) {
        fix.applied = { outcome: 'failed', detail: err.message };
    }
    return fix;
}
/**
 * Why the policy read right before the write must not be edited: a Deny matches now, or it no longer has a verdict
 * that the statement fixes (someone changed it since the diagnosis).
 */
function refuseFreshVerdict(fresh, changed) {
    const since = changed ? 'the key policy changed since the diagnosis: ' : '';
    if (fresh.verdict === 'DENY_EXPLICIT') {
        const by = fresh.deciding ? ` (${(0,_kms_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .statementLabel */ .OQ)(fresh.deciding)})` : '';
        return `${since}a Deny${by} matches in the policy read right before the write; Deny statements are reported, never edited`;
    }
    if (fresh.verdict !== 'DENY_IMPLICIT' && fresh.verdict !== 'ALLOW_IF_IAM')
        return `${since}the policy read right before the write is ${fresh.verdict}, not a verdict a key-policy statement fixes`;
    return undefined;
}


/***/ })

};
