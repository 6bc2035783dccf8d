#!/usr/bin/env node
// Installs what `npm start` and `npm test` need on a fresh clone, and nothing when it is already there:
// the npm packages from the lock file and, for the end-to-end tests, Debian's Chromium.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs) {
  console.log('Installing npm packages from package-lock.json …');
  run('npm ci --no-audit --no-fund');
}

if (process.argv.includes('--browser')) {
  // Debian packages the tests need: Chromium for the browser tests, a CJK font so Chinese screenshots
  // show text rather than boxes, and Python with PyTorch and the medical readers for the export's parity
  // tests and the oracles; PostgreSQL for the team server's tests (a throwaway cluster per test file).
  const wanted = ['chromium', 'fonts-noto-cjk', 'python3-torch', 'python3-numpy', 'python3-nibabel', 'python3-pydicom', 'python3-pil', 'python3-sklearn', 'python3-scipy', 'postgresql'];
  const installed = (name) => {
    try {
      return execSync(`dpkg-query -W -f='\${Status}' ${name} 2>/dev/null`).toString().includes('install ok installed');
    } catch {
      return false;
    }
  };
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const missing = wanted.filter((p) => (p === 'chromium' ? !existsSync(chromium) : !installed(p)));
  if (missing.length) {
    if (process.getuid?.() !== 0) {
      console.error(`The tests need these Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
      process.exit(1);
    }
    console.log(`Installing Debian's ${missing.join(', ')} for the tests …`);
    run(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`);
  }
}

// The PyTorch export's parity and distributed tests run Debian's python3-torch (with numpy, nibabel, Pillow);
// the run-folder tests score the export's predictions with scikit-learn as the independent oracle.
if (process.argv.includes('--python')) {
  const python = '/usr/bin/python3';
  const ok = () => {
    try {
      execSync(`${python} -c "import torch, numpy, nibabel, PIL, sklearn, scipy"`, { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (!ok()) {
    const packages = 'python3-torch python3-numpy python3-nibabel python3-pil python3-sklearn python3-scipy';
    if (process.getuid?.() !== 0) {
      console.error(`The PyTorch export tests need ${packages}. Install them with: sudo apt-get install -y ${packages}`);
      process.exit(1);
    }
    console.log("Installing Debian's PyTorch, numpy, nibabel, Pillow, scikit-learn and SciPy for the export tests …");
    run(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages}`);
  }
}
