/** The feedback service: review queues, corrections, agreement, continual fine-tuning with a promotion gate. */
package io.vigil.feedback;
