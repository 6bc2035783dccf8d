import { poolingLayer } from './spatial-layers';

const DOC = {
  en: 'Shrinks a volume by averaging each small cube (2×2×2 halves depth, height and width). Unlike max pooling it keeps the overall intensity of a region rather than its strongest voxel, which suits smooth quantities such as dose or tracer uptake. It has no weights.',
  zh: '对每个小立方体求平均来缩小体数据（2×2×2 窗口使深、高、宽都减半）。与最大池化不同，它保留区域的整体强度而不是最强的体素，适合剂量或示踪剂摄取等平滑变化的量。它没有权重。',
};

/** Averages each window of a volume, channel by channel. */
export default poolingLayer('AveragePooling', 3, DOC);
