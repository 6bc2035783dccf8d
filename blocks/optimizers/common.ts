import { z } from 'zod';
import { defineBlock, port, type BlockDef, type BlockIssue, type InferContext, type ScheduleSpec, type Text } from '../../src/core';

/** The starting learning rate every optimizer has. */
export const learningRate = (fallback: number) =>
  z.number().positive().max(10).default(fallback).describe('a positive number, usually between 0.00001 and 0.1');

export const learningRateText = {
  label: { en: 'Learning rate', zh: '学习率' },
  doc: {
    en: 'How big a step each update takes. Too high and the loss jumps or becomes NaN; too low and training crawls.',
    zh: '每次更新的步长。过大时损失会震荡甚至变成 NaN；过小时训练非常缓慢。',
  },
};

/** A decay rate in [0, 1). */
export const rate = (fallback: number) => z.number().min(0).lt(1).default(fallback).describe('a number from 0 up to (not including) 1');

export interface OptimizerBlockSpec<S extends z.ZodObject> {
  type: string;
  /** The optimizer name the plan records (tfjs/Keras name). */
  optimizer: string;
  label: Text;
  doc: Text;
  params: S;
  paramText?: { [K in keyof z.output<S>]?: { label: Text; doc?: Text } };
}

/**
 * Declares an optimizer block: parameters in, an optimizer spec out, with the learning-rate
 * schedule (optional input `schedule`) attached to it.
 */
export function defineOptimizer<S extends z.ZodObject>(spec: OptimizerBlockSpec<S>): BlockDef {
  return defineBlock({
    type: spec.type,
    category: 'optimizer',
    version: 1,
    label: spec.label,
    doc: spec.doc,
    inputs: { schedule: port.schedule({ optional: true, label: { en: 'learning-rate schedule', zh: '学习率调度' } }) },
    outputs: { optimizer: port.optimizer({ label: { en: 'optimizer', zh: '优化器' } }) },
    params: spec.params,
    ...(spec.paramText ? { paramText: spec.paramText } : {}),
    infer(inputs, p, ctx) {
      const params = { ...(p as Record<string, unknown>) };
      const schedule = inputs.schedule?.spec;
      const issue = schedule ? checkSchedule(schedule, params.learningRate as number, ctx) : null;
      if (issue) return { issues: [issue] };
      return {
        outputs: {
          optimizer: { kind: 'optimizer', spec: { type: spec.optimizer, params, block: ctx.id, ...(schedule ? { schedule } : {}) } },
        },
      };
    },
  });
}

/** A schedule may only lower the learning rate: a floor above the start is a mistake. */
function checkSchedule(schedule: ScheduleSpec, lr: number, ctx: InferContext): BlockIssue | null {
  const floor = schedule.params.minLearningRate;
  if (typeof floor === 'number' && floor > lr) {
    return ctx.fail('J304', {
      detail: {
        en: `the schedule's smallest learning rate (${floor}) is above the starting learning rate (${lr})`,
        zh: `调度的最小学习率（${floor}）高于初始学习率（${lr}）`,
      },
      fix: { en: 'Lower the schedule’s minimum, or raise the learning rate.', zh: '请降低调度的最小学习率，或提高学习率。' },
    }, 'schedule');
  }
  return null;
}
