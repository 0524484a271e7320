/**
 * A sigma node program that draws each node as its kind's shape (graph/shapes.ts): a circle,
 * triangle, square, hexagon, diamond, star or downward triangle, with antialiased edges. Like
 * sigma's circle program it draws one triangle per node around a circle of the node's size, and
 * the fragment shader keeps the pixels inside the shape; in picking mode it writes the node's id
 * colour there, so that hover and clicks follow the shape.
 */
import { NodeProgram } from "sigma/rendering";
import type { ProgramInfo } from "sigma/rendering";
import type { NodeDisplayData, RenderParams } from "sigma/types";
import { floatColor } from "sigma/utils";
import type { EdgeAttributes, GraphAttributes, NodeAttributes } from "../../graph/model";
import { CIRCLE_RADIUS, STAR_INNER } from "../../graph/shapes";

const VERTEX_SHADER = /* glsl */ `
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec2 a_position;
attribute float a_size;
attribute float a_shape;
attribute float a_angle;

uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_correctionRatio;

varying vec4 v_color;
varying vec2 v_offset;
varying float v_radius;
varying float v_shape;

const float bias = 255.0 / 254.0;

void main() {
  // The triangle's circumradius is twice the radius of the circle it holds.
  float radius = a_size * u_correctionRatio / u_sizeRatio * 2.0;
  vec2 offset = 2.0 * radius * vec2(cos(a_angle), sin(a_angle));
  gl_Position = vec4((u_matrix * vec3(a_position + offset, 1)).xy, 0, 1);
  v_offset = offset;
  v_radius = radius;
  v_shape = a_shape;
  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  v_color.a *= bias;
}
`;

const FRAGMENT_SHADER = /* glsl */ `
precision highp float;

varying vec4 v_color;
varying vec2 v_offset;
varying float v_radius;
varying float v_shape;

uniform float u_correctionRatio;

const float PI = 3.14159265;
const vec4 transparent = vec4(0.0);

// Distance (in units of the radius) from p to the edge of a regular polygon of the given number
// of sides whose vertices lie on the unit circle, one of them at the angle 'vertex'. Negative inside.
float polygon(vec2 p, float sides, float vertex) {
  float sector = 2.0 * PI / sides;
  // 'local' is the angle from the middle of the nearest side: a vertex is half a sector away.
  float local = mod(atan(p.y, p.x) - vertex, sector) - sector * 0.5;
  return length(p) * cos(local) - cos(sector * 0.5);
}

// Distance to the edge of a five-pointed star with a point up.
float star(vec2 p) {
  float sector = 2.0 * PI / 5.0;
  float angle = atan(p.y, p.x) - PI * 0.5 + sector * 0.5;
  float local = abs(mod(angle, sector) - sector * 0.5);
  // Fold p into half a point: the tip on the y axis, the notch at the angle sector / 2.
  vec2 q = length(p) * vec2(sin(local), cos(local));
  vec2 tip = vec2(0.0, 1.0);
  vec2 notch = ${STAR_INNER.toFixed(4)} * vec2(sin(sector * 0.5), cos(sector * 0.5));
  vec2 edge = notch - tip;
  float h = clamp(dot(q - tip, edge) / dot(edge, edge), 0.0, 1.0);
  float d = length(q - tip - edge * h);
  // Inside when q lies on the origin's side of the tip-notch line.
  float side = (q.x - tip.x) * edge.y - (q.y - tip.y) * edge.x;
  return side < 0.0 ? d : -d;
}

float shapeDistance(vec2 p, float shape) {
  if (shape < 0.5) return length(p) - ${CIRCLE_RADIUS.toFixed(4)};
  if (shape < 1.5) return polygon(p, 3.0, PI * 0.5);
  if (shape < 2.5) return polygon(p, 4.0, PI * 0.25);
  if (shape < 3.5) return polygon(p, 6.0, PI * 0.5);
  if (shape < 4.5) return polygon(p, 4.0, 0.0);
  if (shape < 5.5) return star(p);
  return polygon(p, 3.0, -PI * 0.5);
}

void main(void) {
  float border = u_correctionRatio * 2.0;
  float dist = shapeDistance(v_offset / v_radius, v_shape) * v_radius + border;
  #ifdef PICKING_MODE
  gl_FragColor = dist > border ? transparent : v_color;
  #else
  float t = dist > border ? 1.0 : (dist > 0.0 ? dist / border : 0.0);
  gl_FragColor = mix(v_color, transparent, t);
  #endif
}
`;

const { UNSIGNED_BYTE, FLOAT } = WebGLRenderingContext;
const UNIFORMS = ["u_sizeRatio", "u_correctionRatio", "u_matrix"] as const;

/** The display data the program reads: sigma's, plus the shape code. */
type ShapeDisplayData = NodeDisplayData & { shape?: number };

/** Draws nodes as their kind's shape. */
export class NodeShapeProgram extends NodeProgram<(typeof UNIFORMS)[number], NodeAttributes, EdgeAttributes, GraphAttributes> {
  getDefinition() {
    return {
      VERTICES: 3,
      VERTEX_SHADER_SOURCE: VERTEX_SHADER,
      FRAGMENT_SHADER_SOURCE: FRAGMENT_SHADER,
      METHOD: WebGLRenderingContext.TRIANGLES,
      UNIFORMS,
      ATTRIBUTES: [
        { name: "a_position", size: 2, type: FLOAT },
        { name: "a_size", size: 1, type: FLOAT },
        { name: "a_color", size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: "a_id", size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: "a_shape", size: 1, type: FLOAT },
      ],
      CONSTANT_ATTRIBUTES: [{ name: "a_angle", size: 1, type: FLOAT }],
      CONSTANT_DATA: [[0], [(2 * Math.PI) / 3], [(4 * Math.PI) / 3]],
    };
  }

  processVisibleItem(nodeIndex: number, startIndex: number, data: ShapeDisplayData): void {
    const array = this.array;
    array[startIndex++] = data.x;
    array[startIndex++] = data.y;
    array[startIndex++] = data.size;
    array[startIndex++] = floatColor(data.color);
    array[startIndex++] = nodeIndex;
    array[startIndex++] = data.shape ?? 0;
  }

  setUniforms(params: RenderParams, { gl, uniformLocations }: ProgramInfo): void {
    const { u_sizeRatio, u_correctionRatio, u_matrix } = uniformLocations;
    gl.uniform1f(u_correctionRatio!, params.correctionRatio);
    gl.uniform1f(u_sizeRatio!, params.sizeRatio);
    gl.uniformMatrix3fv(u_matrix!, false, params.matrix);
  }
}
