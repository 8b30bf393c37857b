import fs from 'node:fs';
import path from 'node:path';
import { auditExportDir, ConfigError, loadConfig } from './config.ts';
import { bootstrap } from './bootstrap.ts';
import { openDb, DatabaseOpenError } from '#platform/db.ts';
import { migrate, SchemaTooNewError } from '#platform/migrate.ts';
import { verifyAudit, writeCheckpoint } from '#platform/audit.ts';
import { BackupError, backup, restore } from '#platform/backup.ts';
import { installationKeys } from '#platform/installation-key.ts';
import { importProceduresFile } from '#modules/catalog/index.ts';
import { importAgencyCertificate } from '#modules/signatures/index.ts';
import { generateDossiers, rebuildIndicators } from '#modules/indicators/index.ts';
import { runImportUsersCommand } from '#modules/identity/index.ts';

const usage = `Cách dùng / usage: motcua <lệnh>
  start                      chạy máy chủ / start the server
  migrate                    áp dụng migration / apply migrations
  seed                       nạp dữ liệu danh mục (và dữ liệu mẫu khi MOTCUA_DEMO=1) / load registers
  import procedures FILE     nhập danh mục thủ tục (JSON, hoặc JSONL của danh mục quốc gia) / import a procedure catalogue
  import users FILE [--out F] [--as ADMIN] [--dry-run]
                             tạo tài khoản cán bộ từ CSV/.xlsx (tất cả hoặc không); in CSV tên đăng nhập,
                             mật khẩu tạm một lần (hoặc ghi vào F); lỗi theo dòng → mã thoát 2
                             / create officer accounts from a CSV/.xlsx file (all or none); prints the
                             usernames and temporary passwords once (or into F); row problems → exit 2
  import certificate AGENCY FILE.p12
                             nạp chứng thư số ký kết quả của cơ quan (mật khẩu trong MOTCUA_P12_PASSPHRASE)
                             / plug in an agency's signing certificate (PKCS#12)
  audit verify [--anchors F] kiểm tra chuỗi băm nhật ký, mã HMAC và điểm mốc đã ký (MOTCUA_SECRET);
                             với --anchors: đối chiếu cả điểm mốc nút quốc gia lưu giữ (tệp F)
                             / verify the audit chains, their seals and the signed checkpoints
                             (--anchors F: also against the national node's anchors)
  audit checkpoint           ký ngay một điểm mốc mới / sign a checkpoint of every chain head now
  backup FILE                sao lưu CSDL và thư mục dữ liệu vào FILE (PGlite: dừng máy chủ trước)
                             / back up the database and the data folder (PGlite: stop the server first)
  restore FILE               khôi phục FILE vào một cài đặt trống / restore into an empty installation
  indicators rebuild         tính lại số liệu chỉ đạo điều hành từ hồ sơ / rebuild the indicators from the dossiers
  generate dossiers --count N --from YYYY-MM-DD [--seed S] [--provinces 01,79]
                             sinh lịch sử hồ sơ mô phỏng vào CSDL (thử tải) / write a synthetic dossier history (scale tests)
  bench NAME                 chạy benchmark trong bench/ / run a benchmark`;

async function run(argv: string[]): Promise<number> {
  const [command, sub, arg] = argv;
  const config = loadConfig();
  switch (command) {
    case 'start':
      await import('./main.ts');
      return -1;
    case 'migrate': {
      const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: path.resolve(config.MOTCUA_DATA_DIR) });
      const applied = await migrate(db).finally(() => db.close());
      console.log(applied.length ? `Đã áp dụng / applied: ${applied.join(', ')}` : 'Lược đồ đã mới nhất / schema up to date');
      return 0;
    }
    case 'seed': {
      const system = await bootstrap(config);
      await system.close();
      console.log('Đã nạp dữ liệu / seeded');
      return 0;
    }
    case 'import': {
      if (sub === 'certificate' && arg && argv[3]) {
        const system = await bootstrap(config, { skipSeed: true });
        try {
          const p12 = fs.readFileSync(path.resolve(argv[3]));
          const passphrase = process.env.MOTCUA_P12_PASSPHRASE ?? '';
          const cert = await system.ctx.db.transaction((tx) => importAgencyCertificate(system.ctx, tx, { agencyCode: arg, p12, passphrase }));
          console.log(`Đã nạp chứng thư số ${cert.serial} cho ${arg} / imported: ${cert.subject.split('\n').join(', ')}`);
          return 0;
        } finally {
          await system.close();
        }
      }
      if (sub === 'users' && arg) {
        const option = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
        // stdout carries the passwords' CSV alone: the server's log lines (pino writes to stdout) are kept out of it
        const system = await bootstrap(option('out') ? config : { ...config, LOG_LEVEL: 'silent' }, { skipSeed: true });
        try {
          return await runImportUsersCommand(
            system.ctx,
            { file: path.resolve(arg), outFile: option('out') && path.resolve(option('out') as string), as: option('as'), dryRun: argv.includes('--dry-run') },
            { out: (text) => process.stdout.write(text), err: (text) => console.error(text) },
          );
        } finally {
          await system.close();
        }
      }
      if (sub !== 'procedures' || !arg) break;
      const system = await bootstrap(config, { skipSeed: true });
      try {
        const result = await importProceduresFile(system.ctx, path.resolve(arg));
        console.log(
          `Đã nhập ${result.imported} thủ tục (${result.versionsCreated} phiên bản mới, ${result.unchanged} không đổi${result.kept ? `, ${result.kept} giữ bản đã biên soạn` : ''}) / imported`,
        );
        for (const problem of result.problems) console.error(`  ${problem}`);
        return result.problems.length ? 1 : 0;
      } finally {
        await system.close();
      }
    }
    case 'audit': {
      if (sub !== 'verify' && sub !== 'checkpoint') break;
      const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: path.resolve(config.MOTCUA_DATA_DIR) });
      try {
        await migrate(db);
        const keys = installationKeys(config.MOTCUA_SECRET);
        const exportDir = auditExportDir(config);
        if (sub === 'checkpoint') {
          const record = await writeCheckpoint(db, { keys, exportDir, force: true });
          console.log(`Điểm mốc / checkpoint ${record?.seq} → ${exportDir}`);
          return 0;
        }
        // --anchors FILE: the answer of GET /api/v1/exchange/audit-anchors?node=… at the national node
        const anchors = argv.includes('--anchors') ? readAnchors(argv[argv.indexOf('--anchors') + 1], config.MOTCUA_NODE_ID) : undefined;
        const report = await verifyAudit(db, { keys, exportDir, anchors });
        if (anchors) console.log(`Đối chiếu ${anchors.length} điểm mốc lưu tại nút quốc gia / checked against ${anchors.length} anchors held by the national node`);
        console.log(`Đã kiểm tra ${report.rows} dòng trong ${report.chains} chuỗi / checked ${report.rows} rows in ${report.chains} chains`);
        console.log(
          report.checkpoint
            ? `Điểm mốc mới nhất / latest checkpoint: ${report.checkpoint.seq} (${report.checkpoint.at}); ${report.rowsSinceCheckpoint} dòng sau đó / rows since`
            : 'Chưa có điểm mốc nào / no checkpoint yet',
        );
        for (const p of report.problems) console.log(`  SAI / BAD: chain=${p.chain} seq=${p.seq} ${p.problem}`);
        console.log(report.problems.length === 0 ? 'Toàn vẹn / intact' : `${report.problems.length} vấn đề / problems`);
        return report.problems.length === 0 ? 0 : 1;
      } finally {
        await db.close();
      }
    }
    case 'backup':
    case 'restore': {
      if (!sub) break;
      const target = { databaseUrl: config.DATABASE_URL, dataDir: path.resolve(config.MOTCUA_DATA_DIR) };
      const file = path.resolve(sub);
      const manifest = command === 'backup' ? await backup(target, file) : await restore(target, file);
      console.log(
        `${command === 'backup' ? 'Đã sao lưu / backed up' : 'Đã khôi phục / restored'} ${file}: ${manifest.engine}, ${manifest.migrations.length} migrations, ${manifest.files} tệp / files`,
      );
      return 0;
    }
    case 'indicators': {
      if (sub !== 'rebuild') break;
      const system = await bootstrap(config, { skipSeed: true });
      try {
        const started = Date.now();
        const result = await rebuildIndicators(system.ctx.db);
        console.log(`Đã tính lại / rebuilt: ${result.dossiers} hồ sơ / dossiers, ${result.steps} bước liên thông / steps (${Date.now() - started} ms)`);
        return 0;
      } finally {
        await system.close();
      }
    }
    case 'generate': {
      if (sub !== 'dossiers') break;
      const option = (name: string) => {
        const i = argv.indexOf(`--${name}`);
        return i > 0 ? argv[i + 1] : undefined;
      };
      const count = Number(option('count'));
      const from = option('from') ?? '2025-07-01';
      if (!Number.isInteger(count) || count < 1 || !/^\d{4}-\d{2}-\d{2}$/.test(from)) break;
      const system = await bootstrap(config);
      try {
        const started = Date.now();
        const result = await generateDossiers(system.ctx.db, {
          count,
          from,
          now: system.ctx.clock.now(),
          seed: option('seed') ? Number(option('seed')) : undefined,
          provinces: option('provinces')?.split(','),
          onProgress: (n) => n % 50_000 === 0 && console.log(`  … ${n}`),
        });
        console.log(`Đã sinh / generated ${result.generated} hồ sơ / dossiers from ${from} (${Date.now() - started} ms); chỉ tiêu / indicators rebuilt`);
        return 0;
      } finally {
        await system.close();
      }
    }
    case 'bench': {
      if (!sub) break;
      const { spawnSync } = await import('node:child_process');
      const file = path.resolve('bench', `${sub}.bench.ts`);
      const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...argv.slice(2)], { stdio: 'inherit' });
      return result.status ?? 1;
    }
  }
  console.error(usage);
  return 64;
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error) => {
    const known =
      error instanceof ConfigError || error instanceof DatabaseOpenError || error instanceof SchemaTooNewError || error instanceof BackupError;
    console.error(known ? error.message : error);
    process.exit(known ? 2 : 1);
  },
);

/** The anchors of node `node` in an answer of GET /api/v1/exchange/audit-anchors (a national node's). */
function readAnchors(file: string | undefined, node: string): { seq: number; digest: string }[] {
  const expected = 'câu trả lời của GET /api/v1/exchange/audit-anchors tại nút quốc gia / the answer of GET /api/v1/exchange/audit-anchors at the national node';
  if (!file || !fs.existsSync(file)) throw new ConfigError(`--anchors: không đọc được tệp / cannot read the file "${file ?? ''}" (${expected})`);
  let answer: { anchors?: { node: string; seq: number; digest: string }[] };
  try {
    answer = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
  } catch {
    throw new ConfigError(`--anchors: ${file} không phải JSON / is not JSON (${expected})`);
  }
  if (!Array.isArray(answer.anchors)) throw new ConfigError(`--anchors: ${file} không có "anchors" / has no "anchors" (${expected})`);
  return answer.anchors.filter((a) => a.node === node).map((a) => ({ seq: a.seq, digest: a.digest }));
}
