package com.dataeye.server.security;

import com.dataeye.server.project.AccountRepository;
import com.dataeye.server.project.ProjectDirectory;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what. The collector is open (its write key is checked per request, and kept off
 * the security filter chain so the hot path stays short); everything else needs an operator login
 * (HTTP Basic, then a session) or a project's secret key; health is open for load balancers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService operators(AccountRepository accounts) {
        return username -> accounts.find(username)
                .map(a -> User.withUsername(a.username()).password(a.passwordHash()).roles(a.role()).build())
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    @Bean
    WebSecurityCustomizer collectorOffTheChain() {
        return web -> web.ignoring().requestMatchers("/api/v1/events", "/api/v1/ping", "/v1/**", "/sa", "/sa.gif", "/debug");
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProjectDirectory projects, ApiErrors errors) throws Exception {
        http
                .csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(a -> a
                        // an SSE stream's async completion and error dispatches come back through this chain
                        // after the stream was authorised and its response committed: denying them then only
                        // turns a closed stream into a 500 in the log
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC, jakarta.servlet.DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        // the dashboard's shell and libraries hold no data; its data comes from the API below
                        .requestMatchers("/", "/index.html", "/app/**", "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((req, res, ex) ->
                        errors.write(res, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                                "log in as an operator (HTTP Basic) or send a project's secret key as 'Authorization: Bearer sk_…'")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) ->
                                errors.write(res, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                                        "log in as an operator (HTTP Basic) or send a project's secret key as 'Authorization: Bearer sk_…'"))
                        .accessDeniedHandler((req, res, ex) ->
                                errors.write(res, HttpServletResponse.SC_FORBIDDEN, "forbidden", ex.getMessage())))
                // the dashboard logs in with a form post and keeps a session (cookie SameSite=Strict)
                .formLogin(form -> form.loginPage("/").loginProcessingUrl("/api/v1/session").permitAll()
                        .successHandler((req, res, auth) -> errors.writeJson(res, HttpServletResponse.SC_OK, Sessions.view(auth)))
                        .failureHandler((req, res, ex) -> errors.write(res, HttpServletResponse.SC_UNAUTHORIZED,
                                "bad_credentials", "wrong user name or password")))
                .logout(logout -> logout.logoutUrl("/api/v1/session/logout")
                        .logoutSuccessHandler((req, res, auth) -> res.setStatus(HttpServletResponse.SC_NO_CONTENT)))
                .addFilterBefore(new SecretKeyFilter(projects, errors), BasicAuthenticationFilter.class);
        return http.build();
    }
}
