import type { TFunction } from 'i18next';

/** The backend in plain words ("CPU (WebAssembly, fast kernels)"); the technical reason stays behind a click. */
export function backendName(backend: string, t: TFunction): string {
  switch (backend) {
    case 'wasm':
    case 'cpu':
    case 'webgl':
    case 'webgpu':
      return t(`backend_name_${backend}`);
    default:
      // A run opened from a folder trained by the PyTorch export: pytorch-cpu, pytorch-cuda.
      return backend.startsWith('pytorch-') ? t('backend_name_pytorch', { device: backend.slice('pytorch-'.length).toUpperCase() }) : backend;
  }
}
