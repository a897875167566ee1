export const id = 84;
export const ids = [84];
export const modules = {

/***/ 1084:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   resolveRolePath: () => (/* binding */ resolveRolePath),
/* harmony export */   simulateCreateGrant: () => (/* binding */ simulateCreateGrant)
/* harmony export */ });
/* unused harmony export simulationContextEntries */
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9845);
/* harmony import */ var _kms_ip_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7948);
/* harmony import */ var _kms_requests_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8787);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9378);
// The IAM calls, loaded only by runs that need them (the IAM client is not part of a plain start's cold start):
// the IAM half of ALLOW_IF_IAM via iam:SimulatePrincipalPolicy, and the role's path via iam:GetRole.




/** The role's real ARN, path included; on AccessDenied the path-less ARN stays, with a note why. */
async function resolveRolePath(iam, caller) {
    if (!caller.pathUnknown)
        return { caller };
    const roleName = caller.principalArn.split('/').pop();
    try {
        const out = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsCall */ .uF)('GetRole', roleName, 'iam:GetRole', () => iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_0__.GetRoleCommand({ RoleName: roleName })));
        const arn = out.Role?.Arn;
        return arn ? { caller: { ...caller, principalArn: arn, pathUnknown: false } } : { caller };
    }
    catch (err) {
        return {
            caller,
            note: `${err.message}. The fix names ${caller.principalArn}; if the role has a path, set principal-arn to its full ARN.`
        };
    }
}
/**
 * The context entries of the simulation, from the same request model the key-policy verdict uses (requests.ts):
 * every value the requests share (one call covers all keys), typed as IAM expects. The AWS-internal source
 * address is no IP a simulation could take, so it is left out.
 */
function simulationContextEntries(requests) {
    const [first, ...rest] = requests;
    if (first === undefined)
        return [];
    const entries = [];
    for (const [name, value] of Object.entries(first.context)) {
        if (value === _kms_ip_js__WEBPACK_IMPORTED_MODULE_2__/* .AWS_INTERNAL */ .KN)
            continue;
        const same = rest.every(r => JSON.stringify(r.context[name]) === JSON.stringify(value));
        if (!same)
            continue;
        const type = Array.isArray(value)
            ? 'stringList'
            : typeof value === 'boolean'
                ? 'boolean'
                : name === 'aws:CurrentTime'
                    ? 'date'
                    : name === 'aws:EpochTime'
                        ? 'numeric'
                        : 'string';
        const values = Array.isArray(value) ? value.map(String) : [String(value)];
        if (values.length === 0)
            continue;
        entries.push({ ContextKeyName: name, ContextKeyType: type, ContextKeyValues: values });
    }
    return entries;
}
/** One call for every key that needs it: kms:CreateGrant in EC2's context, one request per key. */
async function simulateCreateGrant(iam, roleArn, requests) {
    const decisions = new Map();
    try {
        const pages = (0,_aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_0__.paginateSimulatePrincipalPolicy)({ client: iam }, {
            PolicySourceArn: roleArn,
            ActionNames: [_kms_requests_js__WEBPACK_IMPORTED_MODULE_3__/* .CREATE_GRANT */ .kZ],
            ResourceArns: requests.map(r => r.resourceArn),
            ContextEntries: simulationContextEntries(requests)
        });
        for await (const page of pages) {
            for (const r of page.EvaluationResults ?? []) {
                const decision = r.EvalDecision;
                const arn = r.EvalResourceName;
                if (!arn || !decision)
                    continue;
                decisions.set(arn, decision === 'allowed' ? 'allowed' : decision === 'explicitDeny' ? 'explicitDeny' : 'implicitDeny');
            }
        }
        return { decisions };
    }
    catch (err) {
        const error = new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AwsCallError */ .iQ('SimulatePrincipalPolicy', roleArn, 'iam:SimulatePrincipalPolicy', err);
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .classifyError */ .fe)(err) === 'credentials')
            throw error;
        return { decisions, unavailable: error.message };
    }
}


/***/ })

};
