/** Vigil model library: shared by the inference service and training. */
package io.vigil.models;
