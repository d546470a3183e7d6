/**
 * The message catalogue: texts for error and warning codes and the words for the keys they
 * carry (`labels`), in both locales. The renderer merges these into its i18n messages
 * (`errors.*`, `warnings.*`); the CLI and logs format them directly. Placeholders use
 * vue-i18n's `{name}` syntax; params hold keys, which labels.ts turns into words first.
 */
import type { ErrorCode, IssueParams, WarningCode } from './desk-error'
import { LABEL_TEXTS, type LabelTexts } from './label-texts'
import { labelParams, type Locale } from './labels'

export type { Locale }

type Catalog = {
  errors: Record<ErrorCode, string>
  warnings: Record<WarningCode, string>
  labels: LabelTexts
}

export const ISSUE_MESSAGES: Record<Locale, Catalog> = {
  'zh-CN': {
    errors: {
      VALIDATION: '输入不符合要求：{detail}',
      REQUIRED: '必填',
      TAX_ID_FORMAT:
        '税号格式不对：应为 18 位，由数字和大写字母组成（不含 I、O、S、V、Z），第 3–8 位为数字的行政区划码',
      TAX_ID_CHECKSUM: '税号校验位不符：这个代码很可能有输入错误，请逐位与营业执照核对',
      DUPLICATE_TAX_ID: '该税号已属于客户「{existingName}」',
      MOBILE_FORMAT: '手机号格式不对：应为 11 位、以 1 开头（可带 +86）',
      PHONE_FORMAT:
        '电话格式不对：请填写带区号的座机（如 0755-12345678 转 801）、400/800 号码或手机号',
      BANK_ACCOUNT_FORMAT: '银行账号应为 8–30 位数字（空格和连字符会自动去掉）',
      EMAIL_FORMAT: '邮箱格式不对：{value}',
      TOO_LONG: '太长了：最多 {max} 个字符',
      NOT_FOUND: '找不到该记录（可能已被删除）',
      ALREADY_ARCHIVED: '该客户已归档',
      NOT_ARCHIVED: '该客户未归档，无需恢复',
      OVERRIDE_REASON_REQUIRED: '强制保存需要说明理由（至少 {min} 个字）',
      UNKNOWN_CALL: '未知的调用：{name}',
      CSV_HEADER: 'CSV 表头不对：{detail}',
      CSV_RECORD:
        '第 {line} 行起的记录无法读取（引号未闭合或单条记录过大），导入已停止，没有写入任何行',
      IMPORT_RUNNING: '导入正在进行，请等它完成',
      IMPORT_NO_FILE: '请先选择要导入的文件并预览',
      STAGE_INCOMPLETE: '「{stage}」还不能标记完成，缺少：{missing}',
      STAGE_ITEM_MISSING: '缺少：{item}',
      STAGE_REASON_REQUIRED: '标记为「{status}」需要填写原因',
      UNKNOWN_CHECKLIST_ITEM: '该阶段没有检查项「{item}」',
      ANSWER_KIND: '「{item}」的答案类型不对',
      CUSTOMER_ARCHIVED: '客户已归档，请先恢复再发起交付',
      DATE_FORMAT: '日期格式应为 YYYY-MM-DD',
      LINK_NOT_ALLOWED: '只能打开指导中列出的链接',
      FORM_INCOMPLETE: '验收单还缺少：{missing}',
      PDF_UNAVAILABLE: '找不到生成 PDF 所用的字体文件，无法导出 PDF：请重新安装交付台。',
      FORM_SUPERSEDED: '这是验收单的旧版本 V{version}，已有新版本 V{latest}，请在最新版本上操作',
      FILE_EXISTS: '文件已存在：{path}。确认覆盖后才会写入',
      FILE_NOT_READABLE: '无法读取文件：{path}',
      FILE_WRITE_FAILED: '无法写入文件：{path}（{reason}）。如果它正在 Word 中打开，请先关闭',
      SIGNATURE_IMAGE: '签名图片不可用：{problem}',
      SCAN_FILE: '扫描件不可用：{problem}',
      EVIDENCE_EMPTY: '文件是空的：{name}',
      EVIDENCE_TYPE: '按文件内容判断，「{name}」不是 PNG、JPEG、PDF 或 OFD 文件，不能作为附件',
      EVIDENCE_NAME_MISMATCH:
        '「{name}」的扩展名与内容不符：按内容判断它是 .{actual} 文件。请改正文件名后再添加',
      EVIDENCE_TOO_LARGE: '「{name}」超过 {maxMb} MB，不能作为附件',
      EVIDENCE_NO_PREVIEW: '只有 PNG 和 JPEG 图片有缩略图；PDF 和 OFD 请另存后查看',
      CLIPBOARD_UNAVAILABLE: '这里没有剪贴板（命令行）；请在应用中复制',
      PATH_NOT_ALLOWED: '文件路径只能在系统对话框中选择',
      VAULT_NOT_SET_UP: '密钥库尚未设置，请先设置口令',
      VAULT_ALREADY_SET_UP: '密钥库已经设置过口令；如需更换，请使用“修改口令”',
      VAULT_LOCKED: '密钥库已锁定，请先输入口令解锁',
      PASSPHRASE_IN_ARGUMENTS:
        '口令不能写在命令行参数里（其他用户能在进程列表中看到）：请用 DESK_PASSPHRASE / DESK_NEW_PASSPHRASE / DESK_BUNDLE_PASSPHRASE 环境变量、--passphrase-file 文件或提示输入',
      VAULT_BAD_PASSPHRASE: '口令不正确（已连续输错 {failedAttempts} 次）',
      VAULT_RETRY_LATER: '口令输错次数过多，请 {seconds} 秒后再试',
      VAULT_TAMPERED: '密钥数据校验失败：记录可能被改动或已损坏，已拒绝解密',
      VAULT_WEAK_PASSPHRASE:
        '口令太弱：至少需要 {min} 个字符，且不能是常见口令、单个常用词或简单规律（如 12345678、password、重复字符）；建议用几个词组成的一句话',
      VAULT_PASSPHRASE_CHARACTERS: '口令含有控制字符或无效的 Unicode 字符，请只用可见字符和空格',
      VAULT_OS_UNAVAILABLE: '本机系统钥匙串不可用或不受信任，请使用口令解锁',
      VAULT_OS_UNLOCK_OFF: '未开启“在本机记住”，请输入口令解锁',
      VAULT_OS_UNLOCK_FAILED:
        '无法通过系统钥匙串解锁（钥匙串可能已重置）。请输入口令解锁，之后可重新开启“在本机记住”',
      UNKNOWN_CREDENTIAL_FIELD: '没有名为「{field}」的密钥字段',
      CREDENTIAL_NOT_SET: '尚未保存 {field}',
      CREDENTIALS_INCOMPLETE: '还缺少密钥：{missing}。补齐五个密钥后才能生成交付消息',
      DB_BUSY: '数据库正被另一个程序写入（例如正在导入），请稍后再试',
      DB_NOT_A_FILE: '这不是一个普通文件，不能用作数据库：{path}',
      DB_NOT_SQLITE: '这个文件不是交付台的数据库（不是 SQLite 文件）：{path}',
      DB_CORRUPT: '数据库文件已损坏，未做任何改动：{path}。请从备份恢复',
      DB_SCHEMA_TOO_NEW:
        '数据库来自更新版本的交付台（结构版本 {found}，本程序支持到 {known}），请先升级程序：{path}',
      BACKUP_DAMAGED: '备份文件已损坏或被改动，已拒绝使用，未做任何改动',
      BACKUP_BAD_PASSPHRASE: '备份口令不正确',
      BACKUP_NO_VAULT:
        '这个备份里没有密钥库，而当前数据库有。恢复它会丢失所有密钥，已拒绝；请选择更新的备份',
      BACKUP_FOLDER_NOT_SET: '尚未在设置中选择外部备份文件夹，或该文件夹当前不可用',
      BACKUP_IN_PROGRESS: '正在备份或恢复，请等它完成',
      PASTE_AMBIGUOUS:
        '粘贴的内容里有 {count} 个不同的「{field}」，像是两家公司的信息；请只粘贴一家的',
      RECOVERY_REQUIRED: '数据库无法打开，请先在恢复页面中恢复备份或新建数据文件',
      RECOVERY_NOT_NEEDED: '数据库正常，无需恢复',
      RECOVERY_NO_BACKUP: '没有找到可用的备份',
      BUNDLE_DAMAGED: '交接包已损坏或被改动，已拒绝导入，未做任何改动',
      BUNDLE_BAD_PASSPHRASE: '交接包口令不正确，未做任何改动',
      BUNDLE_NOT_A_BUNDLE: '这个文件不是交接包（是备份文件），请在“备份与恢复”中使用它',
      BUNDLE_NEWER_FORMAT: '交接包来自更新版本的交付台，请先升级程序再导入',
      BUNDLE_CHOICE_MISSING: '税号 {taxId} 的客户在本机已存在，请选择跳过、替换或两者都保留',
      BUNDLE_FORM_NUMBER_TAKEN:
        '税号 {taxId} 的验收单编号 {formNumber} 在本机已被另一位客户使用；请跳过这位客户后再导入',
      BUNDLE_NOT_PREVIEWED: '请先选择交接包并预览，再导入',
      BUNDLE_SECRETS_LOCKED: '交接包里有密钥：请先解锁（或设置）本机密钥库，再导入',
      INTERNAL: '内部错误，请重试；若反复出现请导出诊断信息'
    },
    warnings: {
      TAX_ID_UNKNOWN_CATEGORY:
        '登记管理部门代码「{authority}」与机构类别「{category}」的组合不常见，请核对',
      TAX_ID_ORG_CODE: '第 9–17 位组织机构代码的校验位不符，请核对（不影响保存）',
      NAME_HALF_WIDTH_BRACKETS: '名称含半角括号 ( )；登记名称通常使用全角括号（ ）',
      TAX_ID_OVERRIDDEN: '校验位不符，已按说明的理由强制保存',
      VAULT_NO_RECOVERY:
        '口令不会保存在任何地方。忘记口令、又没有开启“在本机记住”时，密钥库里的密钥将永久无法找回，只能重新向平台申请。请把口令记在安全的地方',
      PASSPHRASE_COMMON: '这个口令很常见或有明显规律，容易被猜到',
      PASSPHRASE_ADD_LENGTH: '建议使用 12 个以上字符，或由几个词组成的一句话',
      CREDENTIAL_ENCRYPT_KEY_LENGTH:
        '经验提示（未经核实）：encryptKey 通常是 16 个字符，这个有 {length} 个，请核对是否复制完整（不影响保存）',
      CREDENTIAL_TENANT_ID:
        '经验提示（未经核实）：以 TN_ 开头的通常是租户 ID，不是 clientId，请核对（不影响保存）',
      INVOICE_NUMBER_FORMAT: '数电发票号码应为 20 位数字，这个有 {length} 位，请核对（不影响保存）',
      INVOICE_NUMBER_YEAR: '发票号码前两位是开票年份，{year} 年还没到，请核对（不影响保存）'
    },
    labels: LABEL_TEXTS['zh-CN']
  },
  en: {
    errors: {
      VALIDATION: 'The input is not valid: {detail}',
      REQUIRED: 'Required',
      TAX_ID_FORMAT:
        'Wrong tax ID format: 18 characters, digits and capital letters (no I, O, S, V, Z), characters 3–8 are the division code digits',
      TAX_ID_CHECKSUM:
        'The tax ID does not check out: it most likely holds a typo; compare it character by character with the business licence',
      DUPLICATE_TAX_ID: 'This tax ID already belongs to customer “{existingName}”',
      MOBILE_FORMAT: 'Not a mobile number: 11 digits starting with 1 (optionally +86)',
      PHONE_FORMAT:
        'Not a phone number: a landline with area code (e.g. 0755-12345678 ext 801), a 400/800 number or a mobile',
      BANK_ACCOUNT_FORMAT: 'A bank account has 8–30 digits (spaces and hyphens are removed)',
      EMAIL_FORMAT: 'Not an e-mail address: {value}',
      TOO_LONG: 'Too long: at most {max} characters',
      NOT_FOUND: 'Record not found (it may have been removed)',
      ALREADY_ARCHIVED: 'This customer is already archived',
      NOT_ARCHIVED: 'This customer is not archived',
      OVERRIDE_REASON_REQUIRED: 'Saving anyway needs a reason (at least {min} characters)',
      UNKNOWN_CALL: 'Unknown call: {name}',
      CSV_HEADER: 'Wrong CSV header: {detail}',
      CSV_RECORD:
        'The record starting on line {line} cannot be read (an unclosed quote or a record too large); the import stopped and wrote nothing',
      IMPORT_RUNNING: 'An import is running; wait until it has finished',
      IMPORT_NO_FILE: 'Choose the file to import and preview it first',
      STAGE_INCOMPLETE: '“{stage}” cannot be marked done yet; missing: {missing}',
      STAGE_ITEM_MISSING: 'Missing: {item}',
      STAGE_REASON_REQUIRED: 'Marking it “{status}” needs a reason',
      UNKNOWN_CHECKLIST_ITEM: 'This stage has no checklist item “{item}”',
      ANSWER_KIND: 'Wrong kind of answer for “{item}”',
      CUSTOMER_ARCHIVED: 'The customer is archived; restore it before starting a delivery',
      DATE_FORMAT: 'Dates are written YYYY-MM-DD',
      LINK_NOT_ALLOWED: 'Only links listed in the guidance can be opened',
      FORM_INCOMPLETE: 'The acceptance form is missing: {missing}',
      PDF_UNAVAILABLE:
        'The font file the PDF is made with is missing, so no PDF can be exported: reinstall Delivery Desk.',
      FORM_SUPERSEDED:
        'This is version V{version} of the form and V{latest} exists; work on the latest version',
      FILE_EXISTS: 'The file already exists: {path}. It is written only after you confirm',
      FILE_NOT_READABLE: 'Cannot read the file: {path}',
      FILE_WRITE_FAILED:
        'Cannot write the file: {path} ({reason}). If it is open in Word, close it first',
      SIGNATURE_IMAGE: 'The signature image cannot be used: {problem}',
      SCAN_FILE: 'The scan cannot be attached: {problem}',
      EVIDENCE_EMPTY: 'The file is empty: {name}',
      EVIDENCE_TYPE:
        'Judged by its content, “{name}” is not a PNG, JPEG, PDF or OFD file; it cannot be attached',
      EVIDENCE_NAME_MISMATCH:
        'The name of “{name}” does not match its content, which is a .{actual} file. Correct the name, then add it',
      EVIDENCE_TOO_LARGE: '“{name}” is larger than {maxMb} MB; it cannot be attached',
      EVIDENCE_NO_PREVIEW:
        'Only PNG and JPEG images have a thumbnail; save a PDF or OFD to view it',
      CLIPBOARD_UNAVAILABLE: 'No clipboard here (command line); copy from the app',
      PATH_NOT_ALLOWED: 'File paths are chosen in the system dialog only',
      VAULT_NOT_SET_UP: 'The vault is not set up yet; set a passphrase first',
      VAULT_ALREADY_SET_UP:
        'The vault already has a passphrase; use “Change passphrase” to replace it',
      VAULT_LOCKED: 'The vault is locked; unlock it with the passphrase first',
      PASSPHRASE_IN_ARGUMENTS:
        'A passphrase must not be on the command line (other users can see it in the process list): use DESK_PASSPHRASE / DESK_NEW_PASSPHRASE / DESK_BUNDLE_PASSPHRASE, --passphrase-file or the prompt',
      VAULT_BAD_PASSPHRASE: 'Wrong passphrase ({failedAttempts} failed attempts in a row)',
      VAULT_RETRY_LATER: 'Too many wrong passphrases; try again in {seconds} seconds',
      VAULT_TAMPERED:
        'The stored secret failed its integrity check: it was altered or damaged, so it was not decrypted',
      VAULT_WEAK_PASSPHRASE:
        'The passphrase is too weak: at least {min} characters, and not a common password, a single common word or a simple pattern (such as 12345678, password or repeated characters); a short sentence of several words works well',
      VAULT_PASSPHRASE_CHARACTERS:
        'The passphrase contains control characters or invalid Unicode; use visible characters and spaces only',
      VAULT_OS_UNAVAILABLE:
        'The system keyring is not available or not trusted here; unlock with the passphrase',
      VAULT_OS_UNLOCK_OFF: '“Remember on this laptop” is off; enter the passphrase',
      VAULT_OS_UNLOCK_FAILED:
        'Could not unlock through the system keyring (it may have been reset). Unlock with the passphrase, then turn “Remember on this laptop” on again',
      UNKNOWN_CREDENTIAL_FIELD: 'There is no secret field “{field}”',
      CREDENTIAL_NOT_SET: '{field} is not stored yet',
      CREDENTIALS_INCOMPLETE:
        'Missing secrets: {missing}. All five are needed for the hand-off message',
      DB_BUSY:
        'The database is being written by another program (an import, perhaps); try again shortly',
      DB_NOT_A_FILE: 'This is not a regular file and cannot be used as a database: {path}',
      DB_NOT_SQLITE: 'This file is not a Delivery Desk database (not SQLite): {path}',
      DB_CORRUPT: 'The database file is damaged; nothing was changed: {path}. Restore a backup',
      DB_SCHEMA_TOO_NEW:
        'The database comes from a newer Delivery Desk (schema {found}; this app knows up to {known}); update the app first: {path}',
      BACKUP_DAMAGED:
        'The backup file is damaged or was altered; it was refused and nothing changed',
      BACKUP_BAD_PASSPHRASE: 'Wrong backup passphrase',
      BACKUP_NO_VAULT:
        'This backup has no vault while the current database has one; restoring it would lose every secret, so it was refused. Choose a newer backup',
      BACKUP_FOLDER_NOT_SET:
        'No external backup folder is chosen in Settings, or it is not available right now',
      BACKUP_IN_PROGRESS: 'A backup or restore is running; wait for it to finish',
      PASTE_AMBIGUOUS:
        'The pasted text has {count} different values for “{field}”, as if from two companies; paste one company’s details at a time',
      RECOVERY_REQUIRED:
        'The database cannot be opened; restore a backup or start a new file on the recovery screen first',
      RECOVERY_NOT_NEEDED: 'The database is fine; nothing to recover',
      RECOVERY_NO_BACKUP: 'No usable backup was found',
      BUNDLE_DAMAGED:
        'The handover bundle is damaged or was changed; it was refused and nothing was changed',
      BUNDLE_BAD_PASSPHRASE: 'Wrong bundle passphrase; nothing was changed',
      BUNDLE_NOT_A_BUNDLE:
        'This file is not a handover bundle (it is a backup); use it under Backups and restore',
      BUNDLE_NEWER_FORMAT:
        'The bundle comes from a newer Delivery Desk; update the app before importing it',
      BUNDLE_CHOICE_MISSING:
        'A customer with tax ID {taxId} already exists here; choose skip, replace or keep both',
      BUNDLE_FORM_NUMBER_TAKEN:
        'Acceptance form number {formNumber} (tax ID {taxId}) is already used by another customer here; skip that customer to import the rest',
      BUNDLE_NOT_PREVIEWED: 'Choose and preview a bundle before importing it',
      BUNDLE_SECRETS_LOCKED:
        'The bundle holds secrets: unlock (or set up) the vault on this laptop first',
      INTERNAL: 'Internal error; try again, and export diagnostics if it keeps happening'
    },
    warnings: {
      TAX_ID_UNKNOWN_CATEGORY:
        'Registration authority “{authority}” with category “{category}” is unusual; please check',
      TAX_ID_ORG_CODE:
        'The organisation code (characters 9–17) does not check out; please check (saving is allowed)',
      NAME_HALF_WIDTH_BRACKETS:
        'The name has half-width brackets ( ); registered names use full-width （ ）',
      TAX_ID_OVERRIDDEN: 'The check character fails; saved anyway with the reason given',
      VAULT_NO_RECOVERY:
        'The passphrase is not stored anywhere. If you forget it and “Remember on this laptop” is off, the secrets in the vault are gone for good and must be issued again. Keep the passphrase somewhere safe',
      PASSPHRASE_COMMON:
        'This passphrase is common or follows an obvious pattern; it is easy to guess',
      PASSPHRASE_ADD_LENGTH: 'Use 12 or more characters, or a short sentence of several words',
      CREDENTIAL_ENCRYPT_KEY_LENGTH:
        'Field tip (unverified): an encryptKey usually has 16 characters; this one has {length}. Check it was copied whole (saving is allowed)',
      CREDENTIAL_TENANT_ID:
        'Field tip (unverified): a value starting with TN_ is usually the tenant ID, not the clientId; please check (saving is allowed)',
      INVOICE_NUMBER_FORMAT:
        'A digital e-invoice (数电) number has 20 digits; this one has {length}. Please check (saving is allowed)',
      INVOICE_NUMBER_YEAR:
        'The first two digits of the number are the year of issue, and {year} has not come yet. Please check (saving is allowed)'
    },
    labels: LABEL_TEXTS.en
  }
}

export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params
      ? Array.isArray(params[name])
        ? (params[name] as string[]).join(', ')
        : String(params[name])
      : whole
  )
}

export function issueMessage(
  kind: 'errors' | 'warnings',
  code: string,
  params?: IssueParams,
  locale: Locale = 'zh-CN'
): string {
  const table = ISSUE_MESSAGES[locale][kind] as Record<string, string>
  return interpolate(table[code] ?? code, labelParams(code, params, locale))
}
